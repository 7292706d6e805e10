import { DomainEvent } from '../shared/decider';

/** What an institution may do with a learner's data and credits, granted by the learner. */
export const ACCESS_SCOPES = ['read', 'transfer', 'stack'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/**
 * A one-time claim code for the learner, asked for by an issuer that issued to it. The code's
 * secret is never in the data (anchored, public for good): its hash is in the event's metadata.
 */
export type ClaimCodeIssued = DomainEvent<
  'ClaimCodeIssued',
  { codeId: string; learnerId: string; issuerId: string; expiresAt: string; issuedAt: string }
>;

/** The learner took its account with a claim code; its key's hash is in the event's metadata, never its data. */
export type LearnerClaimed = DomainEvent<'LearnerClaimed', { learnerId: string; codeId: string; claimedAt: string }>;

/** A new learner key replaced the old one, which stops at once; the new hash is in the metadata. */
export type LearnerKeyRotated = DomainEvent<'LearnerKeyRotated', { learnerId: string; rotatedAt: string }>;

export type AccessGranted = DomainEvent<
  'AccessGranted',
  { grantId: string; learnerId: string; institutionId: string; scopes: AccessScope[]; expiresAt: string; grantedAt: string }
>;

export type AccessWithdrawn = DomainEvent<'AccessWithdrawn', { grantId: string; learnerId: string; withdrawnAt: string }>;

export type LearnerAccessEvent = ClaimCodeIssued | LearnerClaimed | LearnerKeyRotated | AccessGranted | AccessWithdrawn;

export const LEARNER_ACCESS_EVENT_TYPES = [
  'ClaimCodeIssued',
  'LearnerClaimed',
  'LearnerKeyRotated',
  'AccessGranted',
  'AccessWithdrawn',
] as const satisfies readonly LearnerAccessEvent['type'][];
