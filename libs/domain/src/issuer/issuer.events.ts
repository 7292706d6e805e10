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

export type IssuerEvent = IssuerRegistered | IssuerSuspended | IssuerReinstated | IssuerApiKeyRotated;

/** The issuer stream's events at their current version (a stored `IssuerRegistered` is read as `.v2`). */
export const ISSUER_EVENT_TYPES = [
  'IssuerRegistered.v2',
  'IssuerSuspended',
  'IssuerReinstated',
  'IssuerApiKeyRotated',
] as const satisfies readonly IssuerEvent['type'][];

export const issuerStream = (issuerId: string): string => `issuer-${issuerId}`;
