import { ErrorCode } from '../shared/domain-error';
import { given } from '../testing/given';
import { DefinePathway, PathwayInput, RedefinePathway } from './pathway.commands';
import { pathwayDecider } from './pathway.decider';
import { PathwayDefined } from './pathway.events';

const at = '2026-02-01T00:00:00.000Z';
const later = '2026-03-01T00:00:00.000Z';
const issuers = [
  { issuerId: 'iss-1', status: 'active' as const },
  { issuerId: 'iss-3', status: 'suspended' as const },
];

const input = (overrides: Partial<Record<keyof PathwayInput, unknown>> = {}) =>
  ({
    title: ' Diploma in Data Analytics ',
    minCredits: 1000,
    minCredentials: 3,
    minLevel: 4.5,
    requiredSkills: ['python'],
    acceptedIssuers: ['iss-1', 'iss-3'],
    ...overrides,
  }) as PathwayInput;

const define = (
  overrides: Partial<Record<keyof PathwayInput, unknown>> = {},
  data: Partial<DefinePathway['data']> = {},
): DefinePathway => ({
  type: 'DefinePathway',
  data: {
    pathwayId: 'pw-1',
    issuer: { issuerId: 'iss-1', status: 'active' },
    acceptedIssuers: issuers,
    input: input(overrides),
    at,
    ...data,
  },
});

const redefine = (
  overrides: Partial<Record<keyof PathwayInput, unknown>> = {},
  data: Partial<RedefinePathway['data']> = {},
): RedefinePathway => ({
  ...define(overrides, { at: later, ...data }),
  type: 'RedefinePathway',
});

const v1: PathwayDefined = {
  type: 'PathwayDefined',
  data: {
    pathwayId: 'pw-1',
    issuerId: 'iss-1',
    version: 1,
    title: 'Diploma in Data Analytics',
    minCredits: '10',
    minCredentials: 3,
    minLevel: 4.5,
    requiredSkills: ['python'],
    acceptedIssuers: ['iss-1', 'iss-3'],
    definedAt: at,
  },
};

const spec = given(pathwayDecider);

describe('DefinePathway', () => {
  it('records PathwayDefined version 1 with canonical credits and trimmed text', () => spec([]).when(define()).then([v1]));

  it('keeps the optional description and maximum age', () =>
    spec([])
      .when(define({ description: 'Two semesters', maxCredentialAgeDays: 1825 }))
      .then([{ type: 'PathwayDefined', data: { ...v1.data, description: 'Two semesters', maxCredentialAgeDays: 1825 } }]));

  it('on a stream that already holds a pathway is a conflict', () => spec([v1]).when(define()).thenThrows('PATHWAY.ALREADY_DEFINED', 'id'));

  it('by a suspended issuer is forbidden', () =>
    spec([])
      .when(define({}, { issuer: { issuerId: 'iss-1', status: 'suspended' } }))
      .thenThrows('ISSUER.SUSPENDED', 'issuerId'));

  const rejects: Array<[string, Partial<Record<keyof PathwayInput, unknown>>, ErrorCode, string]> = [
    ['a blank title', { title: ' ' }, 'VALIDATION.REQUIRED', 'title'],
    ['zero minimum credits', { minCredits: 0 }, 'VALIDATION.RANGE', 'minCredits'],
    ['minimum credits over 1000', { minCredits: 100001 }, 'VALIDATION.RANGE', 'minCredits'],
    ['a fractional hundredth', { minCredits: 10.5 }, 'CREDIT.INVALID', 'minCredits'],
    ['zero credentials', { minCredentials: 0 }, 'VALIDATION.RANGE', 'minCredentials'],
    ['a fractional credential count', { minCredentials: 2.5 }, 'VALIDATION.FORMAT', 'minCredentials'],
    ['level 9', { minLevel: 9 }, 'LEVEL.INVALID', 'minLevel'],
    ['level 4.25', { minLevel: 4.25 }, 'LEVEL.INVALID', 'minLevel'],
    ['skills that are not a list', { requiredSkills: 'python' }, 'VALIDATION.TYPE', 'requiredSkills'],
    ['a repeated skill', { requiredSkills: ['python', 'python'] }, 'VALIDATION.DUPLICATE', 'requiredSkills'],
    ['no accepted issuer', { acceptedIssuers: [] }, 'VALIDATION.REQUIRED', 'acceptedIssuers'],
    ['a repeated accepted issuer', { acceptedIssuers: ['iss-1', 'iss-1'] }, 'VALIDATION.DUPLICATE', 'acceptedIssuers'],
    ['a malformed issuer id', { acceptedIssuers: ['iss 1'] }, 'VALIDATION.FORMAT', 'acceptedIssuers'],
    ['an unregistered accepted issuer', { acceptedIssuers: ['iss-1', 'iss-9'] }, 'ISSUER.NOT_FOUND', 'acceptedIssuers'],
    ['a maximum age of 0 days', { maxCredentialAgeDays: 0 }, 'VALIDATION.RANGE', 'maxCredentialAgeDays'],
    ['a maximum age over 100 years', { maxCredentialAgeDays: 36526 }, 'VALIDATION.RANGE', 'maxCredentialAgeDays'],
  ];

  it.each(rejects)('rejects %s', (_label, overrides, code, field) => spec([]).when(define(overrides)).thenThrows(code, field));

  it('accepts a suspended issuer among the accepted ones (its past credentials stay valid)', () =>
    expect(
      spec([])
        .when(define({ acceptedIssuers: ['iss-3'] }))
        .events()[0].data.acceptedIssuers,
    ).toEqual(['iss-3']));
});

describe('RedefinePathway', () => {
  it('by its issuer records the next version', () =>
    spec([v1])
      .when(redefine({ minCredits: 1200 }))
      .then([{ type: 'PathwayDefined', data: { ...v1.data, version: 2, minCredits: '12', definedAt: later } }]));

  it('counts versions from the stream', () => {
    const v2: PathwayDefined = { type: 'PathwayDefined', data: { ...v1.data, version: 2, minCredits: '12' } };
    expect(spec([v1, v2]).when(redefine()).events()[0].data.version).toBe(3);
  });

  it('with the same rules records nothing', () => spec([v1]).when(redefine()).then([]));

  it('by another issuer is forbidden', () =>
    spec([v1])
      .when(redefine({ minCredits: 1200 }, { issuer: { issuerId: 'iss-3', status: 'active' } }))
      .thenThrows('PATHWAY.NOT_OWNER', 'id'));

  it('of an undefined pathway is not found', () => spec([]).when(redefine()).thenThrows('PATHWAY.NOT_FOUND', 'id'));

  it('validates like a definition', () =>
    spec([v1])
      .when(redefine({ minLevel: 0 }))
      .thenThrows('LEVEL.INVALID', 'minLevel'));
});
