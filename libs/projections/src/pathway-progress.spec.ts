import { PathwayDefinition } from '@stackledger/domain';
import { LearnerCredentialEntry, LearnerView } from './learner-view.projection';
import { pathwayProgress } from './pathway-progress';

const pathway: PathwayDefinition = {
  pathwayId: 'pw-1',
  issuerId: 'iss-1',
  version: 2,
  title: 'Diploma in Data Analytics',
  minCredits: '10',
  minCredentials: 3,
  minLevel: 4.5,
  requiredSkills: ['python', 'sql'],
  acceptedIssuers: ['iss-1', 'iss-3'],
  maxCredentialAgeDays: 365,
  definedAt: '2026-01-01T00:00:00.000Z',
};
const entry = (overrides: Partial<LearnerCredentialEntry> = {}): LearnerCredentialEntry => ({
  issuerId: 'iss-1',
  title: 'Data 101',
  credits: 400,
  level: 5,
  skills: ['python'],
  issuedAt: '2026-03-01T00:00:00.000Z',
  validUntil: '2033-03-01T00:00:00.000Z',
  status: 'active',
  ...overrides,
});
const view = (credentials: Record<string, LearnerCredentialEntry>): LearnerView => ({ learnerId: 'L-1', credentials, transfers: {} });
const now = new Date('2026-06-01T00:00:00Z');

describe('pathwayProgress', () => {
  it('shows what counts, why the rest does not, and what is missing', () => {
    const progress = pathwayProgress(
      pathway,
      view({
        a: entry(),
        b: entry({ issuerId: 'iss-3', credits: 250, skills: ['pandas'] }),
        r: entry({ status: 'revoked' }),
        x: entry({ issuerId: 'iss-2', skills: ['sql'] }),
        l: entry({ level: 4, skills: ['sql'] }),
        o: entry({ issuedAt: '2025-01-01T00:00:00.000Z', skills: ['sql'] }),
        e: entry({ validUntil: '2026-05-01T00:00:00.000Z', skills: ['sql'] }),
      }),
      now,
    );
    expect(progress).toEqual({
      pathwayId: 'pw-1',
      version: 2,
      title: 'Diploma in Data Analytics',
      issuerId: 'iss-1',
      complete: false,
      required: {
        credits: '10',
        credentials: 3,
        minLevel: 4.5,
        skills: ['python', 'sql'],
        acceptedIssuers: ['iss-1', 'iss-3'],
        maxCredentialAgeDays: 365,
      },
      counted: [
        { credentialId: 'a', title: 'Data 101', issuerId: 'iss-1', credits: '4', level: 5 },
        { credentialId: 'b', title: 'Data 101', issuerId: 'iss-3', credits: '2.5', level: 5 },
      ],
      totals: { credits: '6.5', credentials: 2, skills: ['python', 'pandas'] },
      missing: { credits: '3.5', credentials: 1, skills: ['sql'] },
      notCounted: [
        { credentialId: 'r', title: 'Data 101', reason: 'revoked' },
        { credentialId: 'x', title: 'Data 101', reason: 'issuer-not-accepted' },
        { credentialId: 'l', title: 'Data 101', reason: 'level-too-low' },
        { credentialId: 'o', title: 'Data 101', reason: 'too-old' },
        { credentialId: 'e', title: 'Data 101', reason: 'expired' },
      ],
      wouldStack: [],
      awarded: [],
    });
  });

  it('is complete when the rules hold, names the components an award would stack, and lists awards', () => {
    const complete = pathwayProgress(pathway, view({ a: entry(), b: entry({ skills: ['sql'] }), c: entry(), d: entry() }), now);
    expect([complete.complete, complete.wouldStack, complete.missing]).toEqual([
      true,
      ['a', 'b', 'c'],
      { credits: '0', credentials: 0, skills: [] },
    ]);

    const afterAward = pathwayProgress(
      pathway,
      view({
        a: entry({ status: 'stacked', qualificationId: 'q' }),
        b: entry({ status: 'stacked', qualificationId: 'q', skills: ['sql'] }),
        c: entry({ status: 'stacked', qualificationId: 'q' }),
        d: entry(),
        q: entry({
          credits: 1200,
          qualification: { pathwayId: 'pw-1', pathwayVersion: 1, components: ['a', 'b', 'c'] },
          issuedAt: '2026-05-01T00:00:00.000Z',
        }),
      }),
      now,
    );
    expect(afterAward.complete).toBe(false);
    expect(afterAward.notCounted.map((n) => `${n.credentialId}:${n.reason}`)).toEqual([
      'a:stacked',
      'b:stacked',
      'c:stacked',
      'q:qualification',
    ]);
    expect(afterAward.awarded).toEqual([
      { qualificationId: 'q', pathwayVersion: 1, issuedAt: '2026-05-01T00:00:00.000Z', status: 'active' },
    ]);
  });
});
