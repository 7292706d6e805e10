import { NOW } from '../testing/learner.fixtures';
import { diploma } from '../testing/pathway.fixtures';
import { describeShortfall, evaluatePathway, PathwayCandidate, selectComponents, shortfallOf } from './pathway.rules';

const candidate = (id: string, overrides: Partial<PathwayCandidate> = {}): PathwayCandidate => ({
  id,
  issuerId: 'iss-1',
  credits: 400,
  level: 4.5,
  skills: ['python'],
  issuedAt: '2026-03-01T10:00:00.000Z',
  status: 'active',
  isQualification: false,
  ...overrides,
});

describe('pathway rules', () => {
  it('sorts every credential into eligible or excluded with one reason, in the given order', () => {
    const pathway = diploma({ maxCredentialAgeDays: 365 });
    const evaluation = evaluatePathway(
      pathway,
      [
        candidate('a'),
        candidate('q', { isQualification: true }),
        candidate('r', { status: 'revoked' }),
        candidate('t', { status: 'transferred' }),
        candidate('s', { status: 'stacked' }),
        candidate('e', { status: 'expired' }),
        candidate('i', { issuerId: 'iss-2' }),
        candidate('l', { level: 4 }),
        candidate('o', { issuedAt: '2025-01-01T00:00:00.000Z' }),
        candidate('b', { level: 8 }),
      ],
      NOW,
    );
    expect(evaluation.eligible.map((c) => c.id)).toEqual(['a', 'b']);
    expect(evaluation.excluded.map(({ candidate: c, reason }) => `${c.id}:${reason}`)).toEqual([
      'q:qualification',
      'r:revoked',
      't:transferred',
      's:stacked',
      'e:expired',
      'i:issuer-not-accepted',
      'l:level-too-low',
      'o:too-old',
    ]);
    expect(evaluation.shortfall).toEqual({ credits: 200, credentials: 1, skills: [] });
    expect(evaluation.selection).toEqual([]);
  });

  it('measures the shortfall in exact hundredths', () => {
    const parts = [candidate('a', { credits: 333 }), candidate('b', { credits: 333 }), candidate('c', { credits: 333 })];
    expect(shortfallOf(diploma(), parts)).toEqual({ credits: 1, credentials: 0, skills: [] });
    expect(describeShortfall(shortfallOf(diploma({ requiredSkills: ['python', 'sql', 'r'] }), parts.slice(0, 1)))).toBe(
      '6.67 more credits, 2 more credentials, skills sql, r',
    );
  });

  it('selects the fewest in issuance order, or nothing when the rules cannot hold', () => {
    const pool = ['a', 'b', 'c', 'd'].map((id) => candidate(id, { skills: [] })).concat(candidate('p', { skills: ['python'] }));
    expect(selectComponents(diploma(), pool).map((c) => c.id)).toEqual(['a', 'b', 'c', 'p']);
    expect(selectComponents(diploma({ requiredSkills: ['spark'] }), pool)).toEqual([]);
  });
});
