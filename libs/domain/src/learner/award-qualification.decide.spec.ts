import { ErrorCode } from '../shared/domain-error';
import { fold } from '../shared/decider';
import { given } from '../testing/given';
import { consentTo, grantedEvent, LEARNER, NOW, transferCommand, transferredEvent, withdrawnEvent } from '../testing/learner.fixtures';
import { awardCommand, credential, diploma, PATHWAY_ID, QUALIFICATION_SALT, revocation } from '../testing/pathway.fixtures';
import { learnerDecider } from './learner.decider';
import { LearnerEvent, QualificationAwarded } from './learner.events';
import { learnerStatusOf } from './learner-status';

/** The learner granted the awarding issuers its stack consent; the grant rule's own cases say otherwise. */
const spec = (events: LearnerEvent[]) => given(learnerDecider)([...consentTo('iss-1', 'iss-2', 'iss-3'), ...events]);

/** Three data credentials from two accepted issuers: 12 credits, python among their skills. */
const three: LearnerEvent[] = [
  credential('d-1', { skills: ['python', 'pandas'] }),
  credential('d-2', { issuerId: 'iss-3', skills: ['sql'], level: 5 }),
  credential('d-3', { skills: ['statistics'] }),
];

const awarded = (components: string[], extra: Partial<QualificationAwarded['data']['credential']> = {}): QualificationAwarded => ({
  type: 'QualificationAwarded',
  data: {
    credential: {
      id: 'q-1',
      issuerId: 'iss-1',
      learnerId: LEARNER,
      title: 'Diploma in Data Analytics',
      skills: ['python', 'pandas', 'sql', 'statistics'],
      credits: '12',
      hours: 360,
      level: 4.5,
      creditBasis: 'ncrf',
      assessment: 'other',
      issuedAt: NOW,
      validUntil: '2033-06-01T09:00:00.000Z',
      salt: QUALIFICATION_SALT,
      pathwayId: PATHWAY_ID,
      pathwayVersion: 1,
      components,
      ...extra,
    },
  },
});

describe('AwardQualification: when the rules hold', () => {
  it('records a qualification document referencing its components, with their summed credits and hours', () =>
    spec(three)
      .when(awardCommand())
      .then([awarded(['d-1', 'd-2', 'd-3'])]));

  it('with named components lists them in issuance order whatever the request order', () =>
    spec(three)
      .when(awardCommand({ credentialIds: ['d-3', 'd-1', 'd-2'] }))
      .then([awarded(['d-1', 'd-2', 'd-3'])]));

  it('names the pathway version it was awarded under and takes its description', () =>
    spec(three)
      .when(awardCommand({ pathway: diploma({ version: 3, description: 'Two semesters' }) }))
      .then([awarded(['d-1', 'd-2', 'd-3'], { pathwayVersion: 3, description: 'Two semesters' })]));

  it('is ects-based when any component is', () => {
    const mixed = [...three.slice(0, 2), credential('d-3', { skills: ['statistics'], creditBasis: 'ects', hours: 110 })];
    spec(mixed)
      .when(awardCommand())
      .then([awarded(['d-1', 'd-2', 'd-3'], { creditBasis: 'ects', hours: 350 })]);
  });

  it('auto-selection walks issuance order and stops as soon as every rule holds', () => {
    const history = [...three, credential('d-4'), credential('d-5')];
    spec(history)
      .when(awardCommand())
      .then([awarded(['d-1', 'd-2', 'd-3'])]);
  });

  it('auto-selection skips a credential that adds nothing once credits and count suffice', () => {
    const history = [
      credential('d-1', { skills: ['sql'] }),
      credential('d-2', { skills: ['sql'] }),
      credential('d-3', { skills: ['sql'] }),
      credential('d-4', { skills: ['sql'] }),
      credential('d-5', { skills: ['python'] }),
    ];
    const events = spec(history).when(awardCommand()).events();
    expect((events[0] as QualificationAwarded).data.credential.components).toEqual(['d-1', 'd-2', 'd-3', 'd-5']);
  });

  it('auto-selection leaves out every credential that cannot count', () => {
    const history: LearnerEvent[] = [
      credential('x-revoked', { credits: 900, hours: 270 }),
      revocation('x-revoked'),
      credential('x-transferred', { credits: 900, hours: 270 }),
      transferredEvent('tr-1', ['x-transferred'], '9'),
      credential('x-expired', { credits: 900, hours: 270, validUntil: '2026-05-01' }),
      credential('x-issuer', { issuerId: 'iss-2', credits: 900, hours: 270 }),
      credential('x-level', { level: 4, credits: 900, hours: 270 }),
      ...three,
    ];
    spec(history)
      .when(awardCommand())
      .then([awarded(['d-1', 'd-2', 'd-3'])]);
  });

  it.each([
    ['2026-05-02T09:00:00.000Z', 1],
    ['2026-05-02T08:59:59.999Z', 0],
  ])('with a 30-day maximum age, components issued at %s give %i award', (issuedAt, count) => {
    const history = [credential('d-1', { skills: ['python'], issuedAt }), credential('d-2', { issuedAt }), credential('d-3', { issuedAt })];
    const run = () =>
      spec(history)
        .when(awardCommand({ pathway: diploma({ maxCredentialAgeDays: 30 }) }))
        .events();
    if (count === 1) expect(run()).toHaveLength(1);
    else expect(() => run()).toThrow('older than the maximum age');
  });
});

describe('AwardQualification: refused', () => {
  const stacked: LearnerEvent[] = [...three, awarded(['d-1', 'd-2', 'd-3']), credential('d-4', { skills: ['python'] })];
  const rejects: Array<[string, LearnerEvent[], ReturnType<typeof awardCommand>, ErrorCode, string | undefined]> = [
    ['an undefined pathway', three, awardCommand({ pathway: undefined }), 'PATHWAY.NOT_FOUND', 'id'],
    [
      "an award by another issuer than the pathway's",
      three,
      awardCommand({ awardingIssuer: { issuerId: 'iss-3', status: 'active' } }),
      'PATHWAY.NOT_OWNER',
      'id',
    ],
    [
      'a suspended awarding issuer',
      three,
      awardCommand({ awardingIssuer: { issuerId: 'iss-1', status: 'suspended' } }),
      'ISSUER.SUSPENDED',
      'issuerId',
    ],
    ['too few credits', three, awardCommand({ pathway: diploma({ minCredits: '12.5' }) }), 'PATHWAY.RULES_NOT_MET', undefined],
    ['too few credentials', three, awardCommand({ pathway: diploma({ minCredentials: 4 }) }), 'PATHWAY.RULES_NOT_MET', undefined],
    [
      'a missing required skill',
      three,
      awardCommand({ pathway: diploma({ requiredSkills: ['python', 'spark'] }) }),
      'PATHWAY.RULES_NOT_MET',
      undefined,
    ],
    ['components below the minimum level', three, awardCommand({ pathway: diploma({ minLevel: 5 }) }), 'PATHWAY.RULES_NOT_MET', undefined],
    [
      'components from an issuer not accepted',
      three,
      awardCommand({ pathway: diploma({ acceptedIssuers: ['iss-1'] }) }),
      'PATHWAY.RULES_NOT_MET',
      undefined,
    ],
    [
      'components older than the maximum age',
      three,
      awardCommand({ pathway: diploma({ maxCredentialAgeDays: 90 }) }),
      'PATHWAY.RULES_NOT_MET',
      undefined,
    ],
    [
      'a named component below the minimum level',
      three,
      awardCommand({ pathway: diploma({ minLevel: 5 }), credentialIds: ['d-1', 'd-2', 'd-3'] }),
      'PATHWAY.RULES_NOT_MET',
      'credentialIds',
    ],
    [
      'a named component from an issuer not accepted',
      three,
      awardCommand({ pathway: diploma({ acceptedIssuers: ['iss-1'] }), credentialIds: ['d-2'] }),
      'PATHWAY.RULES_NOT_MET',
      'credentialIds',
    ],
    [
      'a named component too old',
      three,
      awardCommand({ pathway: diploma({ maxCredentialAgeDays: 90 }), credentialIds: ['d-1'] }),
      'PATHWAY.RULES_NOT_MET',
      'credentialIds',
    ],
    [
      'named components short of the minimum',
      three,
      awardCommand({ credentialIds: ['d-1', 'd-2'] }),
      'PATHWAY.RULES_NOT_MET',
      'credentialIds',
    ],
    [
      'a revoked component',
      [...three, revocation('d-2')],
      awardCommand({ credentialIds: ['d-1', 'd-2', 'd-3'] }),
      'CREDIT.REVOKED',
      'credentialIds',
    ],
    [
      'a transferred component',
      [...three, transferredEvent('tr-1', ['d-3'], '4')],
      awardCommand({ credentialIds: ['d-1', 'd-2', 'd-3'] }),
      'CREDIT.ALREADY_TRANSFERRED',
      'credentialIds',
    ],
    [
      'an expired component',
      [...three, credential('d-9', { validUntil: '2026-05-01' })],
      awardCommand({ credentialIds: ['d-1', 'd-2', 'd-9'] }),
      'CREDIT.EXPIRED',
      'credentialIds',
    ],
    [
      'an already stacked component',
      stacked,
      awardCommand({ qualificationId: 'q-2', credentialIds: ['d-1', 'd-2', 'd-3'] }),
      'CREDIT.ALREADY_STACKED',
      'credentialIds',
    ],
    [
      'a qualification as a component',
      stacked,
      awardCommand({ qualificationId: 'q-2', pathway: diploma({ pathwayId: 'pw-2' }), credentialIds: ['q-1', 'd-4'] }),
      'CREDIT.IS_QUALIFICATION',
      'credentialIds',
    ],
    ['a second award of the same pathway', stacked, awardCommand({ qualificationId: 'q-2' }), 'PATHWAY.ALREADY_AWARDED', 'learnerId'],
    [
      'a reused qualification id',
      stacked,
      awardCommand({ pathway: diploma({ pathwayId: 'pw-2' }) }),
      'CREDENTIAL.ALREADY_ISSUED',
      'qualificationId',
    ],
    ['an unknown component', three, awardCommand({ credentialIds: ['d-1', 'd-404'] }), 'CREDENTIAL.NOT_FOUND', 'credentialIds'],
    ['an empty list', three, awardCommand({ credentialIds: [] }), 'PATHWAY.EMPTY_SELECTION', 'credentialIds'],
    ['a repeated component', three, awardCommand({ credentialIds: ['d-1', 'd-2', 'd-1'] }), 'VALIDATION.DUPLICATE', 'credentialIds'],
    ['a list that is not an array', three, awardCommand({ credentialIds: 'd-1' }), 'VALIDATION.TYPE', 'credentialIds'],
    ['an empty learner stream', [], awardCommand(), 'PATHWAY.RULES_NOT_MET', undefined],
  ];

  it.each(rejects)('rejects %s', (_label, history, command, code, field) => {
    const error = spec(history).when(command).error();
    expect({ code: error.code, field: error.field }).toEqual({ code, field });
  });

  it("refuses a command routed to another learner's stream", () =>
    expect(() =>
      spec(three)
        .when(awardCommand({ learnerId: 'someone-else' }))
        .events(),
    ).toThrow(`AwardQualification for learner someone-else was sent to the stream of learner ${LEARNER}`));

  it('says what is missing and why credentials were not counted', () => {
    const history = [...three.slice(0, 2), revocation('d-2'), credential('d-5', { issuerId: 'iss-2' })];
    expect(spec(history).when(awardCommand()).error().message).toBe(
      `pathway pw-1 (version 1) is not complete for learner ${LEARNER}: the learner's countable credentials still lack 6 more credits, ` +
        '2 more credentials; not counted: d-2 is revoked; d-5 comes from an issuer the pathway does not accept',
    );
  });

  it('names the missing skill and the short total for named components', () =>
    expect(
      spec(three)
        .when(awardCommand({ pathway: diploma({ requiredSkills: ['spark'] }), credentialIds: ['d-1', 'd-2', 'd-3'] }))
        .error().message,
    ).toBe(`pathway pw-1 (version 1) is not complete for learner ${LEARNER}: the named credentials (12 credits) still lack skill spark`));

  it('a second award from the same components under another pathway is refused as already stacked', () => {
    const error = spec([...three, awarded(['d-1', 'd-2', 'd-3'])])
      .when(awardCommand({ qualificationId: 'q-2', pathway: diploma({ pathwayId: 'pw-2' }), credentialIds: ['d-1', 'd-2', 'd-3'] }))
      .error();
    expect([error.code, error.kind, error.message]).toEqual([
      'CREDIT.ALREADY_STACKED',
      'conflict',
      'credential d-1 is already stacked into qualification q-1',
    ]);
  });

  it('the same pathway can be awarded again once the earlier qualification is revoked, from other components', () => {
    const history = [
      ...three,
      awarded(['d-1', 'd-2', 'd-3']),
      revocation('q-1', { credits: '12' }),
      ...['e-1', 'e-2', 'e-3'].map((id) => credential(id)),
    ];
    const events = spec(history)
      .when(awardCommand({ qualificationId: 'q-2' }))
      .events();
    expect((events[0] as QualificationAwarded).data.credential.components).toEqual(['e-1', 'e-2', 'e-3']);
  });
});

describe('stacked components and qualifications on the learner stream', () => {
  const history: LearnerEvent[] = [...three, awarded(['d-1', 'd-2', 'd-3']), credential('d-4')];

  it('components become stacked, the qualification is active and names them', () => {
    const state = fold(learnerDecider, history);
    expect(['d-1', 'd-2', 'd-3', 'd-4', 'q-1'].map((id) => learnerStatusOf(state.credentials[id], NOW))).toEqual([
      'stacked',
      'stacked',
      'stacked',
      'active',
      'active',
    ]);
    expect(state.credentials['d-1'].qualificationId).toBe('q-1');
    expect(state.credentials['q-1']).toMatchObject({
      credits: 1200,
      qualification: { pathwayId: PATHWAY_ID, pathwayVersion: 1, components: ['d-1', 'd-2', 'd-3'] },
    });
  });

  it('a stacked credential stays stacked after its validity ends', () =>
    expect(learnerStatusOf(fold(learnerDecider, history).credentials['d-1'], '2040-01-01T00:00:00.000Z')).toBe('stacked'));

  it('a stacked credential cannot be transferred', () =>
    spec(history)
      .when(transferCommand(['d-4', 'd-1']))
      .thenThrows('CREDIT.ALREADY_STACKED', 'credentialIds'));

  it('a qualification cannot be transferred', () =>
    spec(history)
      .when(transferCommand(['q-1']))
      .thenThrows('CREDIT.IS_QUALIFICATION', 'credentialIds'));

  it('revoking a stacked component names its qualification, which stays awarded', () => {
    const command = {
      type: 'RevokeCredential' as const,
      data: {
        credentialId: 'd-2',
        reason: 'fraud',
        actor: { kind: 'issuer' as const, issuerId: 'iss-3', status: 'active' as const },
        at: NOW,
      },
    };
    const revoked = revocation('d-2', { issuerId: 'iss-3', qualificationId: 'q-1' });
    spec(history).when(command).then([revoked]);
    const state = fold(learnerDecider, [...history, revoked]);
    expect([state.credentials['d-2'].status, state.credentials['q-1'].status]).toEqual(['revoked', 'active']);
  });

  it('the awarding issuer can revoke the qualification; its components stay stacked', () => {
    const command = {
      type: 'RevokeCredential' as const,
      data: {
        credentialId: 'q-1',
        reason: 'awarded in error',
        actor: { kind: 'issuer' as const, issuerId: 'iss-1', status: 'active' as const },
        at: NOW,
      },
    };
    const revoked = revocation('q-1', { reason: 'awarded in error', credits: '12' });
    spec(history).when(command).then([revoked]);
    const state = fold(learnerDecider, [...history, revoked]);
    expect([state.credentials['q-1'].status, state.credentials['d-1'].status]).toEqual(['revoked', 'stacked']);
  });
});

describe("AwardQualification needs the learner's stack grant to the awarding issuer", () => {
  it.each([
    ['no grant', [], 'ACCESS.NO_GRANT'],
    ['a grant without the stack scope', [grantedEvent('g-1', 'iss-1', ['read', 'transfer'])], 'ACCESS.NO_GRANT'],
    ['a withdrawn stack grant', [grantedEvent('g-1', 'iss-1'), withdrawnEvent('g-1')], 'ACCESS.NO_GRANT'],
    ['an expired stack grant', [grantedEvent('g-1', 'iss-1', ['stack'], NOW)], 'ACCESS.GRANT_EXPIRED'],
  ] as const)('refuses with %s', (_label, grants, code) =>
    given(learnerDecider)([...three, ...grants])
      .when(awardCommand())
      .thenThrows(code, 'learnerId'),
  );

  it('awards under an active stack grant alone', () =>
    expect(
      given(learnerDecider)([...three, grantedEvent('g-1', 'iss-1', ['stack'])])
        .when(awardCommand())
        .events()[0].type,
    ).toBe('QualificationAwarded'));
});
