import { parseCredits } from '@stackledger/domain';
import { CredentialIssuedData, CredentialRevokedData, CreditsTransferredData } from './ledger-events';
import { DocumentProjection, ProjectedEvent } from './projection';
import { StoredCredentialStatus } from './credential-status';

export interface LearnerCredentialEntry {
  issuerId: string;
  title: string;
  /** Integer hundredths. */
  credits: number;
  level: number;
  validUntil: string;
  status: StoredCredentialStatus;
  transferId?: string;
}

export interface LearnerTransferEntry {
  toIssuerId: string;
  programme: string;
  credentialIds: string[];
  transferredAt: string;
}

export interface LearnerView {
  learnerId: string;
  /** In issuance order: JSON objects keep insertion order, which keeps replays byte-identical. */
  credentials: Record<string, LearnerCredentialEntry>;
  transfers: Record<string, LearnerTransferEntry>;
}

export const learnerViewProjection: DocumentProjection<LearnerView> = {
  collection: 'learner',
  keysOf(event) {
    return event.stream.startsWith('learner-') ? [event.stream.slice('learner-'.length)] : [];
  },
  evolve(view, event) {
    const current = view ?? { learnerId: event.stream.slice('learner-'.length), credentials: {}, transfers: {} };
    switch (event.type) {
      case 'CredentialIssued':
        return issued(current, event);
      case 'CredentialRevoked':
        return withStatus(current, [(event.data as unknown as CredentialRevokedData).credentialId], 'revoked');
      case 'CreditsTransferred':
        return transferred(current, event);
      default:
        return view;
    }
  },
};

function issued(view: LearnerView, event: ProjectedEvent): LearnerView {
  const { credential } = event.data as unknown as CredentialIssuedData;
  const entry: LearnerCredentialEntry = {
    issuerId: credential.issuerId,
    title: credential.title,
    credits: parseCredits(credential.credits, 'credits'),
    level: credential.level,
    validUntil: credential.validUntil,
    status: 'active',
  };
  return { ...view, credentials: { ...view.credentials, [credential.id]: entry } };
}

function transferred(view: LearnerView, event: ProjectedEvent): LearnerView {
  const data = event.data as unknown as CreditsTransferredData;
  const transfer: LearnerTransferEntry = {
    toIssuerId: data.toIssuerId,
    programme: data.programme,
    credentialIds: data.credentialIds,
    transferredAt: data.transferredAt,
  };
  const next = withStatus(view, data.credentialIds, 'transferred', data.transferId);
  return { ...next, transfers: { ...next.transfers, [data.transferId]: transfer } };
}

function withStatus(view: LearnerView, ids: string[], status: StoredCredentialStatus, transferId?: string): LearnerView {
  const credentials = { ...view.credentials };
  for (const id of ids) {
    const entry = credentials[id];
    if (entry) credentials[id] = { ...entry, status, ...(transferId && { transferId }) };
  }
  return { ...view, credentials };
}
