import { CredentialInput } from '../credential/credential-document';
import { Command } from '../shared/decider';
import { IssuerKeys, IssuerStatus } from '../issuer/issuer.state';
import { PathwayDefinition } from '../pathway/pathway.events';

/** The issuer as the caller read it from the issuer stream or its projection. */
export interface IssuerSnapshot {
  issuerId: string;
  status: IssuerStatus;
  /** As registered; a signed credential's `issuer` must name exactly these. */
  name?: string;
  domain?: string;
  /** The issuer's signing keys (from its stream): an issuer with a live key must sign. */
  keys?: IssuerKeys;
}

/**
 * A credential the issuer built and signed itself. The caller has verified `credential.proof`
 * (eddsa-jcs-2022) and found it made by `keyId`; the domain checks that key is this issuer's and
 * live, that `issuedAt` lies within the window of `receivedAt`, and that the document is exactly
 * what the domain would have built from its fields (the signed bytes are stored, never rewritten).
 */
export interface SignedIssue {
  credential: Record<string, unknown>;
  keyId: string;
  /** The issuer the caller's read models say registered `keyId`, when not this one: names the refusal. */
  keyOwner?: string;
  receivedAt: string;
  /** The issuer's eddsa-jcs-2022 proof over the Open Badges 3.0 rendition, verified by the caller. */
  openBadgeProof?: Record<string, unknown>;
}

/** Who asks for a revocation; an issuer as the caller read it from its stream (strongly consistent). */
export type Actor = ({ kind: 'issuer' } & IssuerSnapshot) | { kind: 'admin' };

export type IssueCredential = Command<
  'IssueCredential',
  { credentialId: string; salt: string; issuedAt: string; issuer: IssuerSnapshot; input: CredentialInput; signed?: SignedIssue }
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

/** By an issuer that has issued to the learner; the code's secret stays with the application. */
export type IssueClaimCode = Command<'IssueClaimCode', { codeId: string; learnerId: string; issuer: IssuerSnapshot; at: string }>;

/** The application checked the code's secret against its hash before sending this. */
export type ClaimLearner = Command<'ClaimLearner', { codeId: string; learnerId: string; at: string }>;

export type RotateLearnerKey = Command<'RotateLearnerKey', { learnerId: string; at: string }>;

/** `scopes` and `expiresAt` as the learner sent them: the decider checks them. */
export type GrantAccess = Command<
  'GrantAccess',
  { grantId: string; learnerId: string; institution: IssuerSnapshot; scopes: unknown; expiresAt: unknown; at: string }
>;

export type WithdrawAccess = Command<'WithdrawAccess', { grantId: string; learnerId: string; at: string }>;

export type LearnerAccessCommand = IssueClaimCode | ClaimLearner | RotateLearnerKey | GrantAccess | WithdrawAccess;

export type LearnerCommand = IssueCredential | RevokeCredential | TransferCredits | AwardQualification | LearnerAccessCommand;
