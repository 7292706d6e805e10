import { DomainError } from '../shared/domain-error';
import { parseInstant, toMillis } from '../shared/instant';
import { requireArray, requireId } from '../shared/validation';
import {
  ACCESS_SCOPES,
  AccessGranted,
  AccessScope,
  AccessWithdrawn,
  ClaimCodeIssued,
  LearnerClaimed,
  LearnerKeyRotated,
} from './access.events';
import { ClaimLearner, GrantAccess, IssueClaimCode, RotateLearnerKey, WithdrawAccess } from './learner.commands';
import { LearnerState } from './learner.state';
import { requireActiveIssuer } from './learner.rules';

export const CLAIM_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Only an active issuer that has issued to the learner vouches for who the learner is. */
export function issueClaimCode({ data }: IssueClaimCode, state: LearnerState): ClaimCodeIssued {
  const codeId = requireId(data.codeId, 'codeId');
  const issuedAt = parseInstant(data.at, 'at');
  requireActiveIssuer(data.issuer, 'issuerId');
  const issuerId = data.issuer.issuerId;
  if (!Object.values(state.credentials).some((c) => c.issuerId === issuerId)) {
    throw new DomainError('CLAIM.NOT_ISSUER', `issuer ${issuerId} has issued nothing to learner ${data.learnerId}`, 'learnerId');
  }
  if (state.claimedAt !== undefined) {
    throw new DomainError('LEARNER.ALREADY_CLAIMED', `learner ${data.learnerId} claimed its account at ${state.claimedAt}`, 'learnerId');
  }
  if (Object.hasOwn(state.claimCodes, codeId)) throw new DomainError('CLAIM.CODE_USED', `claim code ${codeId} already exists`, 'codeId');
  const expiresAt = new Date(toMillis(issuedAt) + CLAIM_CODE_LIFETIME_MS).toISOString();
  return { type: 'ClaimCodeIssued', data: { codeId, learnerId: data.learnerId, issuerId, expiresAt, issuedAt } };
}

/** A code works once, before it expires, and only while the account is unclaimed. */
export function claimLearner({ data }: ClaimLearner, state: LearnerState): LearnerClaimed {
  const claimedAt = parseInstant(data.at, 'at');
  const code = Object.hasOwn(state.claimCodes, data.codeId) ? state.claimCodes[data.codeId] : undefined;
  if (!code) throw new DomainError('CLAIM.INVALID_CODE', 'the claim code is not recognised', 'code');
  if (code.used) throw new DomainError('CLAIM.CODE_USED', 'the claim code was already used', 'code');
  if (state.claimedAt !== undefined) {
    throw new DomainError('LEARNER.ALREADY_CLAIMED', `learner ${data.learnerId} claimed its account at ${state.claimedAt}`, 'code');
  }
  if (toMillis(code.expiresAt) <= toMillis(claimedAt)) {
    throw new DomainError('CLAIM.CODE_EXPIRED', `the claim code expired at ${code.expiresAt}; ask the issuer for a new one`, 'code');
  }
  return { type: 'LearnerClaimed', data: { learnerId: data.learnerId, codeId: data.codeId, claimedAt } };
}

export function rotateLearnerKey({ data }: RotateLearnerKey, state: LearnerState): LearnerKeyRotated {
  requireClaimed(state, data.learnerId);
  return { type: 'LearnerKeyRotated', data: { learnerId: data.learnerId, rotatedAt: parseInstant(data.at, 'at') } };
}

export function grantAccess({ data }: GrantAccess, state: LearnerState): AccessGranted {
  const grantId = requireId(data.grantId, 'grantId');
  const grantedAt = parseInstant(data.at, 'at');
  const scopes = requireScopes(data.scopes);
  const expiresAt = parseInstant(data.expiresAt, 'expiresAt');
  if (toMillis(expiresAt) <= toMillis(grantedAt)) {
    throw new DomainError('GRANT.EXPIRY_NOT_AFTER_GRANT', `expiresAt must be after the grant (${grantedAt})`, 'expiresAt');
  }
  requireClaimed(state, data.learnerId);
  requireActiveIssuer(data.institution, 'institutionId');
  if (Object.hasOwn(state.grants, grantId)) throw new Error(`grant ${grantId} is already recorded`);
  const { issuerId: institutionId } = data.institution;
  return { type: 'AccessGranted', data: { grantId, learnerId: data.learnerId, institutionId, scopes, expiresAt, grantedAt } };
}

/** A withdrawal takes effect from its recording: whatever the grant allowed before stays as recorded. */
export function withdrawAccess({ data }: WithdrawAccess, state: LearnerState): AccessWithdrawn {
  const withdrawnAt = parseInstant(data.at, 'at');
  const grant = Object.hasOwn(state.grants, data.grantId) ? state.grants[data.grantId] : undefined;
  if (!grant) throw new DomainError('GRANT.NOT_FOUND', `learner ${data.learnerId} has no grant ${data.grantId}`, 'grantId');
  if (grant.withdrawnAt !== undefined) {
    throw new DomainError('GRANT.ALREADY_WITHDRAWN', `grant ${data.grantId} was withdrawn at ${grant.withdrawnAt}`, 'grantId');
  }
  return { type: 'AccessWithdrawn', data: { grantId: data.grantId, learnerId: data.learnerId, withdrawnAt } };
}

function requireClaimed(state: LearnerState, learnerId: string): void {
  if (state.claimedAt === undefined) throw new DomainError('LEARNER.NOT_CLAIMED', `learner ${learnerId} has not claimed its account`);
}

function requireScopes(value: unknown): AccessScope[] {
  const scopes = requireArray(value, 'scopes');
  if (scopes.length === 0)
    throw new DomainError('VALIDATION.REQUIRED', `scopes must name at least one of: ${ACCESS_SCOPES.join(', ')}`, 'scopes');
  for (const scope of scopes) {
    if (!ACCESS_SCOPES.includes(scope as AccessScope)) {
      throw new DomainError('VALIDATION.ONE_OF', `scopes must each be one of: ${ACCESS_SCOPES.join(', ')}`, 'scopes');
    }
  }
  if (new Set(scopes).size !== scopes.length) throw new DomainError('VALIDATION.DUPLICATE', 'scopes names a scope twice', 'scopes');
  return ACCESS_SCOPES.filter((scope) => scopes.includes(scope));
}
