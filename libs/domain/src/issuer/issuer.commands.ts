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
    at: string;
  }
>;

export type SuspendIssuer = Command<'SuspendIssuer', { issuerId: string; reason?: string; at: string }>;
export type ReinstateIssuer = Command<'ReinstateIssuer', { issuerId: string; at: string }>;

/** `by`: the issuer itself (only while active) or the authority (also while it is suspended). */
export type RotateIssuerApiKey = Command<'RotateIssuerApiKey', { issuerId: string; by: 'issuer' | 'admin'; at: string }>;

export type IssuerCommand = RegisterIssuer | SuspendIssuer | ReinstateIssuer | RotateIssuerApiKey;
