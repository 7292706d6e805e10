import { CredentialInput } from '../credential/credential-document';
import { Command } from '../shared/decider';
import { IssuerStatus } from '../issuer/issuer.state';
import { PathwayDefinition } from '../pathway/pathway.events';

/** The issuer as the caller read it from the issuer stream or its projection. */
export interface IssuerSnapshot {
  issuerId: string;
  status: IssuerStatus;
}

/** Who asks for a revocation; an issuer as the caller read it from its stream (strongly consistent). */
export type Actor = ({ kind: 'issuer' } & IssuerSnapshot) | { kind: 'admin' };

export type IssueCredential = Command<
  'IssueCredential',
  { credentialId: string; salt: string; issuedAt: string; issuer: IssuerSnapshot; input: CredentialInput }
>;

export type RevokeCredential = Command<'RevokeCredential', { credentialId: string; reason: string; actor: Actor; at: string }>;

export type TransferCredits = Command<
  'TransferCredits',
  { transferId: string; learnerId: string; credentialIds: string[]; programme: string; toIssuer: IssuerSnapshot; at: string }
>;

/**
 * Decided on the learner stream, so a racing transfer or second award cannot use a component twice.
 * `pathway` is the current definition read from its stream (undefined when there is none);
 * without `credentialIds` the components are chosen by `selectComponents`.
 */
export type AwardQualification = Command<
  'AwardQualification',
  {
    qualificationId: string;
    salt: string;
    awardedAt: string;
    pathwayId: string;
    pathway: PathwayDefinition | undefined;
    awardingIssuer: IssuerSnapshot;
    learnerId: string;
    credentialIds?: unknown;
  }
>;

export type LearnerCommand = IssueCredential | RevokeCredential | TransferCredits | AwardQualification;
