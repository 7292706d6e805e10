import { isDomainError } from '@stackledger/domain';
import { GrantEntry, LearnerGrantsView } from '@stackledger/projections';
import { isApplicationError } from '../errors/application-error';
import { ReadModelStore } from '../projections/read-model.store';
import { AccessPolicy } from './access-policy';
import { Principal } from './principal';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const grant = (
  grantId: string,
  scopes: GrantEntry['scopes'],
  expiresAt = '2027-01-01T00:00:00.000Z',
  withdrawnAt?: string,
): GrantEntry => ({
  grantId,
  institutionId: 'iss-2',
  scopes,
  expiresAt,
  grantedAt: '2026-01-01T00:00:00.000Z',
  ...(withdrawnAt && { withdrawnAt }),
});

function policy(grants: GrantEntry[]): AccessPolicy {
  const views: Record<string, LearnerGrantsView> = { 'L-1': { learnerId: 'L-1', grants } };
  const readModels = { get: (collection: string, key: string) => (collection === 'learner-grants' ? views[key] : undefined) };
  return new AccessPolicy(readModels as unknown as ReadModelStore, { now: () => NOW });
}

const issuer: Principal = { kind: 'issuer', issuerId: 'iss-2', status: 'active' };
const codeOf = (run: () => unknown): string => {
  try {
    return JSON.stringify(run());
  } catch (error) {
    if (isDomainError(error) || isApplicationError(error)) return error.code;
    throw error;
  }
};

describe('AccessPolicy', () => {
  it.each([
    ['no grant', [], 'read', 'ACCESS.NO_GRANT'],
    ['a read grant', [grant('g-1', ['read'])], 'read', '{"all":true}'],
    ['a transfer grant only', [grant('g-1', ['transfer'])], 'read', 'ACCESS.NO_GRANT'],
    ['an expired read grant', [grant('g-1', ['read'], '2026-06-01T09:00:00.000Z')], 'read', 'ACCESS.GRANT_EXPIRED'],
    ['a withdrawn read grant', [grant('g-1', ['read'], undefined, '2026-05-01T00:00:00.000Z')], 'read', 'ACCESS.NO_GRANT'],
    ['no grant, on the credential list', [], 'read-or-issued', '{"all":false,"issuerId":"iss-2"}'],
    ['a read grant, on the grants', [grant('g-1', ['read'])], 'self-or-audit', 'AUTH.FORBIDDEN'],
    ['a read grant, granting', [grant('g-1', ['read'])], 'self', 'AUTH.FORBIDDEN'],
  ] as const)('an issuer with %s: %s -> %s', (_label, grants, access, expected) =>
    expect(codeOf(() => policy([...grants]).check(issuer, access, 'L-1'))).toBe(expected),
  );

  it('the learner reaches all of its own and nothing of another learner; the auditor and the authority read, never act', () => {
    const p = policy([]);
    expect(p.check({ kind: 'learner', learnerId: 'L-1' }, 'self', 'L-1')).toEqual({ all: true });
    expect(codeOf(() => p.check({ kind: 'learner', learnerId: 'L-2' }, 'read', 'L-1'))).toBe('AUTH.FORBIDDEN');
    for (const kind of ['auditor', 'admin'] as const) {
      expect(p.check({ kind }, 'read', 'L-1')).toEqual({ all: true });
      expect(p.check({ kind }, 'self-or-audit', 'L-1')).toEqual({ all: true });
      expect(codeOf(() => p.check({ kind }, 'self', 'L-1'))).toBe('AUTH.FORBIDDEN');
    }
  });
});
