import { AccessScope } from './access.events';
import { CreditBasis } from '../credential/credential-document';

export type StoredCredentialStatus = 'active' | 'transferred' | 'stacked' | 'revoked';

export interface LearnerCredential {
  issuerId: string;
  /** Integer hundredths. */
  credits: number;
  hours: number;
  level: number;
  skills: string[];
  creditBasis: CreditBasis;
  issuedAt: string;
  validUntil: string;
  status: StoredCredentialStatus;
  /** Set once transferred, and kept if the credential is revoked afterwards. */
  transferId?: string;
  toIssuerId?: string;
  /** Set once stacked into a qualification, and kept if the credential is revoked afterwards. */
  qualificationId?: string;
  /** Set on a stacked qualification (a QualificationAwarded credential). */
  qualification?: LearnerQualification;
}

export interface LearnerQualification {
  pathwayId: string;
  pathwayVersion: number;
  components: string[];
}

export interface LearnerTransfer {
  toIssuerId: string;
  programme: string;
  credentialIds: string[];
  /** Integer hundredths, the total at the time of the transfer. */
  credits: number;
  transferredAt: string;
}

export interface LearnerClaimCode {
  issuerId: string;
  expiresAt: string;
  used: boolean;
}

export interface LearnerGrant {
  institutionId: string;
  scopes: AccessScope[];
  expiresAt: string;
  grantedAt: string;
  withdrawnAt?: string;
}

export interface LearnerState {
  /** Unknown until the first credential is issued on the stream. */
  learnerId?: string;
  /** In issuance order (qualifications included, after their components). */
  credentials: Readonly<Record<string, LearnerCredential>>;
  transfers: Readonly<Record<string, LearnerTransfer>>;
  claimCodes: Readonly<Record<string, LearnerClaimCode>>;
  /** Set once the learner claimed its account. */
  claimedAt?: string;
  grants: Readonly<Record<string, LearnerGrant>>;
}

export const initialLearnerState = (): LearnerState => ({ credentials: {}, transfers: {}, claimCodes: {}, grants: {} });
