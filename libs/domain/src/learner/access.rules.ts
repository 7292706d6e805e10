import { DomainError } from '../shared/domain-error';
import { toMillis } from '../shared/instant';
import { AccessScope } from './access.events';
import { LearnerGrant, LearnerState } from './learner.state';

/** A grant is active from its recording until it is withdrawn or its expiry passes. */
export function isActiveGrant(grant: LearnerGrant, at: string | Date): boolean {
  return grant.withdrawnAt === undefined && toMillis(grant.expiresAt) > toMillis(at);
}

/**
 * The learner's consent for `institutionId` to act with `scope` at `at`: an active grant naming
 * it, else `ACCESS.GRANT_EXPIRED` when only an expired one does, else `ACCESS.NO_GRANT`.
 */
export function requireGrant(
  grants: Readonly<Record<string, LearnerGrant>>,
  learnerId: string,
  institutionId: string,
  scope: AccessScope,
  at: string | Date,
): void {
  const matching = Object.values(grants).filter((g) => g.institutionId === institutionId && g.scopes.includes(scope));
  if (matching.some((g) => isActiveGrant(g, at))) return;
  if (matching.some((g) => g.withdrawnAt === undefined)) {
    throw new DomainError(
      'ACCESS.GRANT_EXPIRED',
      `the ${scope} grant of learner ${learnerId} to ${institutionId} has expired; the learner can grant it again`,
      'learnerId',
    );
  }
  throw new DomainError('ACCESS.NO_GRANT', `learner ${learnerId} has not granted ${institutionId} ${scope} access`, 'learnerId');
}

export const requireGrantIn = (state: LearnerState, learnerId: string, institutionId: string, scope: AccessScope, at: string): void =>
  requireGrant(state.grants, learnerId, institutionId, scope, at);
