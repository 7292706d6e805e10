import { DomainEvent } from '../shared/decider';

/**
 * An issuer as registered. Its API key's hash is never in the data (data is anchored, public for
 * good): the store keeps it in the event's metadata (`apiKeyHash`).
 */
export type IssuerRegistered = DomainEvent<
  'IssuerRegistered.v2',
  {
    issuerId: string;
    name: string;
    country: string;
    accreditationCode: string;
    contactEmail: string;
    registeredAt: string;
    /** The internet domain the issuer answers for (`iitm.ac.in`), lower-case; absent on issuers registered before domains. */
    domain?: string;
    /** Only on events stored as `IssuerRegistered` (v1), which kept the key hash in the data; never written now. */
    apiKeyHash?: string;
  }
>;

/** The first shape, as stored by ledgers written before v2: read through the upcaster only. */
export type IssuerRegisteredV1 = DomainEvent<'IssuerRegistered', IssuerRegistered['data'] & { apiKeyHash: string }>;

export type IssuerSuspended = DomainEvent<'IssuerSuspended', { issuerId: string; reason?: string; suspendedAt: string }>;
export type IssuerReinstated = DomainEvent<'IssuerReinstated', { issuerId: string; reinstatedAt: string }>;

/** A new API key replaced the issuer's key; the new key's hash is in the event's metadata, as at registration. */
export type IssuerApiKeyRotated = DomainEvent<'IssuerApiKeyRotated', { issuerId: string; rotatedAt: string }>;

/**
 * A signing key of the issuer: `keyId` is its bare did:key; `proofOfPossession` is the
 * `StackLedgerKeyRegistration` document the key signed itself (checked before the command is sent),
 * kept so any verifier can check it again.
 */
export type IssuerKeyRegistered = DomainEvent<
  'IssuerKeyRegistered',
  { issuerId: string; keyId: string; registeredAt: string; proofOfPossession: Record<string, unknown> }
>;
/** No new signature by the key is accepted; what it signed before stays valid. */
export type IssuerKeyRetired = DomainEvent<'IssuerKeyRetired', { issuerId: string; keyId: string; retiredAt: string }>;
/** The key is withdrawn: the next anchoring run pushes its keyHash on chain. */
export type IssuerKeyRevoked = DomainEvent<
  'IssuerKeyRevoked',
  { issuerId: string; keyId: string; reason: string; by: 'issuer' | 'admin'; revokedAt: string }
>;

export type IssuerEvent =
  IssuerRegistered | IssuerSuspended | IssuerReinstated | IssuerApiKeyRotated | IssuerKeyRegistered | IssuerKeyRetired | IssuerKeyRevoked;

/** The issuer stream's events at their current version (a stored `IssuerRegistered` is read as `.v2`). */
export const ISSUER_EVENT_TYPES = [
  'IssuerRegistered.v2',
  'IssuerSuspended',
  'IssuerReinstated',
  'IssuerApiKeyRotated',
  'IssuerKeyRegistered',
  'IssuerKeyRetired',
  'IssuerKeyRevoked',
] as const satisfies readonly IssuerEvent['type'][];

export const issuerStream = (issuerId: string): string => `issuer-${issuerId}`;
