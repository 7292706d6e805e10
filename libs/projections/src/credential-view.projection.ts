import { CredentialIssuedData, CredentialRevokedData, CreditsTransferredData } from './ledger-events';
import { DocumentProjection, ProjectedEvent } from './projection';
import { StoredCredentialStatus } from './credential-status';

export interface CredentialView {
  credential: Record<string, unknown> & { id: string; issuerId: string; learnerId: string; validUntil: string };
  status: StoredCredentialStatus;
  issuedSeq: number;
  revocation?: { reason: string; revokedAt: string; seq: number };
  transfer?: { transferId: string; toIssuerId: string; programme: string; transferredAt: string };
}

export const credentialViewProjection: DocumentProjection<CredentialView> = {
  collection: 'credential',
  keysOf(event) {
    switch (event.type) {
      case 'CredentialIssued':
        return [(event.data as unknown as CredentialIssuedData).credential.id];
      case 'CredentialRevoked':
        return [(event.data as unknown as CredentialRevokedData).credentialId];
      case 'CreditsTransferred':
        return (event.data as unknown as CreditsTransferredData).credentialIds;
      default:
        return [];
    }
  },
  evolve(view, event) {
    if (event.type === 'CredentialIssued') {
      const { credential } = event.data as unknown as CredentialIssuedData;
      return { credential, status: 'active', issuedSeq: event.seq };
    }
    if (!view) return view;
    return evolveExisting(view, event);
  },
};

function evolveExisting(view: CredentialView, event: ProjectedEvent): CredentialView {
  if (event.type === 'CredentialRevoked') {
    const data = event.data as unknown as CredentialRevokedData;
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
