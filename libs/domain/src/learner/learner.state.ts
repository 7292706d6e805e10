export type StoredCredentialStatus = 'active' | 'transferred' | 'revoked';

export interface LearnerCredential {
  issuerId: string;
  /** Integer hundredths. */
  credits: number;
  level: number;
  validUntil: string;
  status: StoredCredentialStatus;
  /** Set once transferred, and kept if the credential is revoked afterwards. */
  transferId?: string;
  toIssuerId?: string;
}

export interface LearnerTransfer {
  toIssuerId: string;
  programme: string;
  credentialIds: string[];
  /** Integer hundredths, the total at the time of the transfer. */
  credits: number;
  transferredAt: string;
}

export interface LearnerState {
  /** Unknown until the first credential is issued on the stream. */
  learnerId?: string;
  credentials: Readonly<Record<string, LearnerCredential>>;
  transfers: Readonly<Record<string, LearnerTransfer>>;
}

export const initialLearnerState = (): LearnerState => ({ credentials: {}, transfers: {} });
