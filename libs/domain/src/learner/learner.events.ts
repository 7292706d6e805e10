import { CredentialDocument } from '../credential/credential-document';
import { DomainEvent } from '../shared/decider';
import { LEARNER_ACCESS_EVENT_TYPES, LearnerAccessEvent } from './access.events';

/** `data.credential` is the document exactly as issued, so its hash can be recomputed from the event. */
export type CredentialIssued = DomainEvent<
  'CredentialIssued',
  { credential: CredentialDocument; openBadgeProof?: Record<string, unknown> }
>;

/** Names the affected transfer, if any, so projections take its credits out of the receiver's total. */
export type CredentialRevoked = DomainEvent<
  'CredentialRevoked',
  {
    credentialId: string;
    learnerId: string;
    issuerId: string;
    reason: string;
    revokedAt: string;
    transferId?: string;
    toIssuerId?: string;
    /** The qualification a stacked component belongs to, so its view can show the revoked component. */
    qualificationId?: string;
    /** Canonical decimal string. */
    credits: string;
  }
>;

export type CreditsTransferred = DomainEvent<
  'CreditsTransferred',
  {
    transferId: string;
    learnerId: string;
    toIssuerId: string;
    programme: string;
    credentialIds: string[];
    /** Canonical decimal string of the total. */
    credits: string;
    transferredAt: string;
  }
>;

/**
 * A stacked qualification is a credential document (the same fields) plus the pathway it was awarded
 * under and its components, so it is hashed, anchored and verified like any credential.
 */
export interface QualificationDocument extends CredentialDocument {
  pathwayId: string;
  pathwayVersion: number;
  /** The component credential ids, in issuance order; they are `stacked` from now on. */
  components: string[];
}

/** `data.credential`, as for CredentialIssued, so proof and anchoring code read both alike. */
export type QualificationAwarded = DomainEvent<'QualificationAwarded', { credential: QualificationDocument }>;

/** The learner stream holds its credits and its consent, so a grant's withdrawal and a transfer cannot both win. */
export type LearnerEvent = CredentialIssued | CredentialRevoked | CreditsTransferred | QualificationAwarded | LearnerAccessEvent;

export const LEARNER_EVENT_TYPES = [
  'CredentialIssued',
  'CredentialRevoked',
  'CreditsTransferred',
  'QualificationAwarded',
  ...LEARNER_ACCESS_EVENT_TYPES,
] as const satisfies readonly LearnerEvent['type'][];

export const learnerStream = (learnerId: string): string => `learner-${learnerId}`;
