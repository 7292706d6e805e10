import { DomainEvent } from '../shared/decider';

export type IssuerRegistered = DomainEvent<
  'IssuerRegistered',
  {
    issuerId: string;
    name: string;
    country: string;
    accreditationCode: string;
    contactEmail: string;
    apiKeyHash: string;
    registeredAt: string;
  }
>;

export type IssuerSuspended = DomainEvent<'IssuerSuspended', { issuerId: string; reason?: string; suspendedAt: string }>;

export type IssuerReinstated = DomainEvent<'IssuerReinstated', { issuerId: string; reinstatedAt: string }>;

export type IssuerEvent = IssuerRegistered | IssuerSuspended | IssuerReinstated;

export const issuerStream = (issuerId: string): string => `issuer-${issuerId}`;
