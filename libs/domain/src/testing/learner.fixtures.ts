import { createCredentialDocument, CredentialDocument } from '../credential/credential-document';
import { IssueCredential, RevokeCredential, TransferCredits } from '../learner/learner.commands';
import { AccessGranted, AccessScope, AccessWithdrawn } from '../learner/access.events';
import { CredentialIssued, CreditsTransferred } from '../learner/learner.events';
import { ISSUED_AT, newCredential, SALT, validInput } from './credential.fixtures';

export const LEARNER = 'ABC-123456789012';
export const NOW = '2026-06-01T09:00:00.000Z';

export function issueCommand(credentialId: string, issuerId = 'iss-1', overrides: Partial<IssueCredential['data']> = {}): IssueCredential {
  return {
    type: 'IssueCredential',
    data: { credentialId, salt: SALT, issuedAt: ISSUED_AT, issuer: { issuerId, status: 'active' }, input: validInput(), ...overrides },
  };
}

export function documentOf(credentialId: string, issuerId = 'iss-1', credits = 400, validUntil?: string): CredentialDocument {
  const input = validInput({ credits, hours: Math.round((credits * 3) / 10), ...(validUntil && { validUntil }) });
  return createCredentialDocument({ ...newCredential(), id: credentialId, issuerId, input });
}

export const issued = (credentialId: string, issuerId = 'iss-1', credits = 400, validUntil?: string): CredentialIssued => ({
  type: 'CredentialIssued',
  data: { credential: documentOf(credentialId, issuerId, credits, validUntil) },
});

export const transferredEvent = (
  transferId: string,
  credentialIds: string[],
  credits: string,
  toIssuerId = 'iss-2',
): CreditsTransferred => ({
  type: 'CreditsTransferred',
  data: { transferId, learnerId: LEARNER, toIssuerId, programme: 'BSc Data Science', credentialIds, credits, transferredAt: NOW },
});

export function transferCommand(credentialIds: unknown, overrides: Partial<TransferCredits['data']> = {}): TransferCredits {
  return {
    type: 'TransferCredits',
    data: {
      transferId: 'tr-1',
      learnerId: LEARNER,
      credentialIds: credentialIds as string[],
      programme: 'BSc Data Science',
      toIssuer: { issuerId: 'iss-2', status: 'active' },
      at: NOW,
      ...overrides,
    },
  };
}

export function revokeCommand(
  credentialId: string,
  actor: RevokeCredential['data']['actor'] = { kind: 'issuer', issuerId: 'iss-1', status: 'active' },
  reason = 'assessment fraud',
): RevokeCredential {
  return { type: 'RevokeCredential', data: { credentialId, reason, actor, at: NOW } };
}

export const grantedEvent = (
  grantId: string,
  institutionId: string,
  scopes: AccessScope[] = ['read', 'transfer', 'stack'],
  expiresAt = '2030-01-01T00:00:00.000Z',
): AccessGranted => ({
  type: 'AccessGranted',
  data: { grantId, learnerId: LEARNER, institutionId, scopes, expiresAt, grantedAt: '2026-01-01T00:00:00.000Z' },
});

export const withdrawnEvent = (grantId: string, withdrawnAt = NOW): AccessWithdrawn => ({
  type: 'AccessWithdrawn',
  data: { grantId, learnerId: LEARNER, withdrawnAt },
});

/** The learner's grants of every scope to these institutions: what a transfer or an award now needs. */
export const consentTo = (...institutionIds: string[]): AccessGranted[] => institutionIds.map((id) => grantedEvent(`g-${id}`, id));
