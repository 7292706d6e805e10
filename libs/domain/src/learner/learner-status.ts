import { toMillis } from '../shared/instant';
import { LearnerCredential } from './learner.state';

export type CredentialStatus = 'active' | 'transferred' | 'stacked' | 'revoked' | 'expired';

/**
 * The status as seen at `now`. Expiry has no event: an active credential whose validUntil is at or
 * before `now` is expired. A transferred, stacked or revoked credential keeps that status after
 * expiry, so issued = available + transferred + revoked + expired + stacked holds exactly.
 */
export function learnerStatusOf(credential: Pick<LearnerCredential, 'status' | 'validUntil'>, now: string | Date): CredentialStatus {
  if (credential.status !== 'active') return credential.status;
  return toMillis(credential.validUntil) <= toMillis(now) ? 'expired' : 'active';
}
