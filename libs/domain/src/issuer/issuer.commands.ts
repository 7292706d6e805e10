import { Command } from '../shared/decider';

/** The API key is the caller's business: its hash goes into the event's metadata, never into the domain's data. */
export type RegisterIssuer = Command<
  'RegisterIssuer',
  {
    issuerId: string;
    name: string;
    /** ISO 3166-1 alpha-2, upper-case. */
    country: string;
    accreditationCode: string;
    contactEmail: string;
    /** The internet domain the issuer answers for (a hostname such as `iitm.ac.in`); optional. */
    domain?: string;
    at: string;
  }
>;

export type SuspendIssuer = Command<'SuspendIssuer', { issuerId: string; reason?: string; at: string }>;
export type ReinstateIssuer = Command<'ReinstateIssuer', { issuerId: string; at: string }>;

/** `by`: the issuer itself (only while active) or the authority (also while it is suspended). */
export type RotateIssuerApiKey = Command<'RotateIssuerApiKey', { issuerId: string; by: 'issuer' | 'admin'; at: string }>;

/**
 * `proofOfPossession` has been verified by the caller (the domain holds no cryptography): signed
 * by the key `keyId` names, for this issuer, within minutes of `at`.
 */
export type RegisterIssuerKey = Command<
  'RegisterIssuerKey',
  { issuerId: string; keyId: string; proofOfPossession: Record<string, unknown>; at: string }
>;
export type RetireIssuerKey = Command<'RetireIssuerKey', { issuerId: string; keyId: string; at: string }>;
/** `by`: the issuer itself (only while active) or the authority (also while it is suspended). */
export type RevokeIssuerKey = Command<
  'RevokeIssuerKey',
  { issuerId: string; keyId: string; reason: string; by: 'issuer' | 'admin'; at: string }
>;
export type IssuerKeyCommand = RegisterIssuerKey | RetireIssuerKey | RevokeIssuerKey;
export type IssuerCommand = RegisterIssuer | SuspendIssuer | ReinstateIssuer | RotateIssuerApiKey | IssuerKeyCommand;
