import { Command } from '../shared/decider';

export type RegisterIssuer = Command<
  'RegisterIssuer',
  {
    issuerId: string;
    name: string;
    /** ISO 3166-1 alpha-2, upper-case. */
    country: string;
    accreditationCode: string;
    contactEmail: string;
    /** Lower-case hex SHA-256 of the issuer's API key, computed by the caller. */
    apiKeyHash: string;
    at: string;
  }
>;

export type SuspendIssuer = Command<'SuspendIssuer', { issuerId: string; reason?: string; at: string }>;

export type ReinstateIssuer = Command<'ReinstateIssuer', { issuerId: string; at: string }>;

export type IssuerCommand = RegisterIssuer | SuspendIssuer | ReinstateIssuer;
