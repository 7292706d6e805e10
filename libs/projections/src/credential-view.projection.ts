import {
  CredentialDocumentData,
  CredentialIssuedData,
  CredentialRevokedData,
  CreditsTransferredData,
  QualificationAwardedData,
} from './ledger-events';
import { DocumentProjection, ProjectedEvent } from './projection';
import { StoredCredentialStatus } from './credential-status';

/**
 * What the read model keeps of a credential: its state, and the seq of the event that issued it.
 * The document itself is in the log (`data.credential` of the event at `issuedSeq`): a read model
 * need not copy what the log holds, and the document was two thirds of all read-model bytes.
 */
export interface CredentialRecord {
  id: string;
  status: StoredCredentialStatus;
  issuedSeq: number;
  revocation?: { reason: string; revokedAt: string; seq: number };
  transfer?: { transferId: string; toIssuerId: string; programme: string; transferredAt: string };
  /** On a stacked component: the qualification that holds it. */
  stack?: { qualificationId: string; pathwayId: string; stackedAt: string };
  /** On a stacked qualification: its components revoked after the award, in revocation order. */
  revokedComponents?: string[];
}

/** The document exactly as issued (a qualification's carries its pathway and components too). */
export type CredentialDocument = CredentialDocumentData | QualificationAwardedData['credential'];

/** A credential record with its document, read back from the log: what the API shows. */
export interface CredentialView extends CredentialRecord {
  credential: CredentialDocument;
}

/** `record` with the document of its issuing event (the event at `record.issuedSeq`). */
export function withDocument(record: CredentialRecord, issuingEvent: Pick<ProjectedEvent, 'seq' | 'data'>): CredentialView {
  if (issuingEvent.seq !== record.issuedSeq)
    throw new Error(`credential ${record.id} was issued at seq ${record.issuedSeq}, not ${issuingEvent.seq}`);
  return { ...record, credential: (issuingEvent.data as { credential: CredentialDocument }).credential };
}

export const credentialViewProjection: DocumentProjection<CredentialRecord> = {
  collection: 'credential',
  keysOf(event) {
    switch (event.type) {
      case 'CredentialIssued':
        return [(event.data as unknown as CredentialIssuedData).credential.id];
      case 'CredentialRevoked': {
        const data = event.data as unknown as CredentialRevokedData;
        return data.qualificationId === undefined ? [data.credentialId] : [data.credentialId, data.qualificationId];
      }
      case 'CreditsTransferred':
        return (event.data as unknown as CreditsTransferredData).credentialIds;
      case 'QualificationAwarded': {
        const { credential } = event.data as unknown as QualificationAwardedData;
        return [credential.id, ...credential.components];
      }
      default:
        return [];
    }
  },
  evolve(view, event) {
    if (event.type === 'CredentialIssued') {
      const { credential } = event.data as unknown as CredentialIssuedData;
      return { id: credential.id, status: 'active', issuedSeq: event.seq };
    }
    if (event.type === 'QualificationAwarded') return awarded(view, event);
    if (!view) return view;
    return evolveExisting(view, event);
  },
  apply(view, event) {
    if (event.type === 'CredentialIssued' || event.type === 'QualificationAwarded' || !view)
      return credentialViewProjection.evolve(view, event);
    if (event.type === 'CredentialRevoked') {
      const data = event.data as unknown as CredentialRevokedData;
      if (view.id !== data.credentialId) {
        if (view.revokedComponents) view.revokedComponents.push(data.credentialId);
        else view.revokedComponents = [data.credentialId];
      } else Object.assign(view, { status: 'revoked', revocation: { reason: data.reason, revokedAt: data.revokedAt, seq: event.seq } });
      return view;
    }
    // A transfer replaces two fields; evolve's copy is shallow and small, and keeps key order for free.
    return evolveExisting(view, event);
  },
  // Credential ids are new at issuance: there is never a view to read first.
  startsFresh: (event) => event.type === 'CredentialIssued',
};

/** The qualification's own view is new; every other key is one of its components. */
function awarded(view: CredentialRecord | null, event: ProjectedEvent): CredentialRecord | null {
  const { credential } = event.data as unknown as QualificationAwardedData;
  if (view === null) return { id: credential.id, status: 'active', issuedSeq: event.seq, revokedComponents: [] };
  if (view.id === credential.id) return view;
  return {
    ...view,
    status: 'stacked',
    stack: { qualificationId: credential.id, pathwayId: credential.pathwayId, stackedAt: credential.issuedAt },
  };
}

function evolveExisting(view: CredentialRecord, event: ProjectedEvent): CredentialRecord {
  if (event.type === 'CredentialRevoked') {
    const data = event.data as unknown as CredentialRevokedData;
    if (view.id !== data.credentialId) {
      return { ...view, revokedComponents: [...(view.revokedComponents ?? []), data.credentialId] };
    }
    return { ...view, status: 'revoked', revocation: { reason: data.reason, revokedAt: data.revokedAt, seq: event.seq } };
  }
  if (event.type === 'CreditsTransferred') {
    const data = event.data as unknown as CreditsTransferredData;
    const transfer = {
      transferId: data.transferId,
      toIssuerId: data.toIssuerId,
      programme: data.programme,
      transferredAt: data.transferredAt,
    };
    return { ...view, status: 'transferred', transfer };
  }
  return view;
}
