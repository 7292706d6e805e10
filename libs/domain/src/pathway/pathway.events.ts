import { DomainEvent } from '../shared/decider';

/**
 * A pathway as its issuer defined it. `version` starts at 1 and grows by one on every
 * redefinition; a qualification names the version it was awarded under.
 */
export interface PathwayDefinition {
  pathwayId: string;
  issuerId: string;
  version: number;
  title: string;
  description?: string;
  /** Canonical decimal string. */
  minCredits: string;
  minCredentials: number;
  minLevel: number;
  requiredSkills: string[];
  acceptedIssuers: string[];
  /** A component counts only if it was issued at most this many days before the award. */
  maxCredentialAgeDays?: number;
  definedAt: string;
}

export type PathwayDefined = DomainEvent<'PathwayDefined', PathwayDefinition>;

export type PathwayEvent = PathwayDefined;

export const PATHWAY_EVENT_TYPES = ['PathwayDefined'] as const satisfies readonly PathwayEvent['type'][];

export const pathwayStream = (pathwayId: string): string => `pathway-${pathwayId}`;
