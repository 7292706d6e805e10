import { CredentialDocument } from '../credential/credential-document';
import { DomainEvent } from '../shared/decider';

/** `data.credential` is the document exactly as issued, so its hash can be recomputed from the event. */
export type CredentialIssued = DomainEvent<'CredentialIssued', { credential: CredentialDocument }>;

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

export type LearnerEvent = CredentialIssued | CredentialRevoked | CreditsTransferred;

export const learnerStream = (learnerId: string): string => `learner-${learnerId}`;
