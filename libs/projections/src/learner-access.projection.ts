import { AccessScope } from '@stackledger/domain';
import { DocumentProjection, ProjectedEvent } from './projection';

const learnerIdOf = (event: ProjectedEvent): string => event.data.learnerId as string;
const secretHashOf = (event: ProjectedEvent): string | undefined =>
  typeof event.metadata?.apiKeyHash === 'string' ? event.metadata.apiKeyHash : undefined;

const KEY_EVENTS = ['LearnerClaimed', 'LearnerKeyRotated'] as const;

/**
 * The API's own read models for learner keys and claim codes, like the issuer keys' (kept out of
 * the public ones the audit replays): the hashes are in the events' metadata, never their data.
 */
export const learnerKeyProjection: DocumentProjection<{ learnerId: string }> = {
  collection: 'learner-key',
  metadataOf: KEY_EVENTS,
  keysOf(event) {
    const hash = (KEY_EVENTS as readonly string[]).includes(event.type) ? secretHashOf(event) : undefined;
    return hash ? [hash] : [];
  },
  evolve: (_view, event) => ({ learnerId: learnerIdOf(event) }),
};

export interface LearnerAuth {
  learnerId: string;
  /** The one key that works now: a rotation replaces it, so the old key stops at once. */
  apiKeyHash: string;
}

export const learnerAuthProjection: DocumentProjection<LearnerAuth> = {
  collection: 'learner-auth',
  metadataOf: KEY_EVENTS,
  keysOf(event) {
    return (KEY_EVENTS as readonly string[]).includes(event.type) && secretHashOf(event) ? [learnerIdOf(event)] : [];
  },
  evolve: (_auth, event) => ({ learnerId: learnerIdOf(event), apiKeyHash: secretHashOf(event) as string }),
};

export interface ClaimCodeAuth {
  learnerId: string;
  secretHash: string;
}

/** A claim code's learner and its secret's hash; whether it is used or expired is the learner stream's to decide. */
export const claimCodeProjection: DocumentProjection<ClaimCodeAuth> = {
  collection: 'claim-code',
  metadataOf: ['ClaimCodeIssued'],
  keysOf(event) {
    return event.type === 'ClaimCodeIssued' && secretHashOf(event) ? [event.data.codeId as string] : [];
  },
  evolve: (_code, event) => ({ learnerId: learnerIdOf(event), secretHash: secretHashOf(event) as string }),
};

export const LEARNER_KEY_PROJECTIONS = [learnerKeyProjection, learnerAuthProjection, claimCodeProjection] as const;

export interface GrantEntry {
  grantId: string;
  institutionId: string;
  scopes: AccessScope[];
  expiresAt: string;
  grantedAt: string;
  withdrawnAt?: string;
}

/** Per learner, every grant it gave, in the order given (public record: grants are events' data). */
export interface LearnerGrantsView {
  learnerId: string;
  grants: GrantEntry[];
}

export const learnerGrantsProjection: DocumentProjection<LearnerGrantsView> = {
  collection: 'learner-grants',
  keysOf(event) {
    return event.type === 'AccessGranted' || event.type === 'AccessWithdrawn' ? [learnerIdOf(event)] : [];
  },
  evolve(view, event) {
    const current = view ?? { learnerId: learnerIdOf(event), grants: [] };
    if (event.type === 'AccessGranted') {
      const { grantId, institutionId, scopes, expiresAt, grantedAt } = event.data as unknown as GrantEntry;
      return { ...current, grants: [...current.grants, { grantId, institutionId, scopes, expiresAt, grantedAt }] };
    }
    const { grantId, withdrawnAt } = event.data as { grantId: string; withdrawnAt: string };
    return { ...current, grants: current.grants.map((g) => (g.grantId === grantId ? { ...g, withdrawnAt } : g)) };
  },
};
