import { CredentialInput } from '../credential/credential-document';
import { Command } from '../shared/decider';
import { IssuerStatus } from '../issuer/issuer.state';

/** The issuer as the caller read it from the issuer stream or its projection. */
export interface IssuerSnapshot {
  issuerId: string;
  status: IssuerStatus;
}

export type Actor = { kind: 'issuer'; issuerId: string } | { kind: 'admin' };

export type IssueCredential = Command<
  'IssueCredential',
  { credentialId: string; salt: string; issuedAt: string; issuer: IssuerSnapshot; input: CredentialInput }
>;

export type RevokeCredential = Command<'RevokeCredential', { credentialId: string; reason: string; actor: Actor; at: string }>;

export type TransferCredits = Command<
  'TransferCredits',
  { transferId: string; learnerId: string; credentialIds: string[]; programme: string; toIssuer: IssuerSnapshot; at: string }
>;

export type LearnerCommand = IssueCredential | RevokeCredential | TransferCredits;
