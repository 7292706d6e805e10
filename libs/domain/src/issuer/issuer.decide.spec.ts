import { ErrorCode } from '../shared/domain-error';
import { given } from '../testing/given';
import { RegisterIssuer } from './issuer.commands';
import { issuerDecider } from './issuer.decider';
import { decodeEvent } from '../events';
import { IssuerEvent, IssuerRegistered, IssuerRegisteredV1, IssuerSuspended } from './issuer.events';

const at = '2026-03-01T10:00:00.000Z';
const later = '2026-04-01T10:00:00.000Z';

const register = (overrides: Partial<RegisterIssuer['data']> = {}): RegisterIssuer => ({
  type: 'RegisterIssuer',
  data: {
    issuerId: 'iss-1',
    name: 'Open University of Pune',
    country: 'IN',
    accreditationCode: 'UGC-1234',
    contactEmail: 'registrar@oup.example.edu',
    at,
    ...overrides,
  },
});

const registered: IssuerRegistered = {
  type: 'IssuerRegistered.v2',
  data: {
    issuerId: 'iss-1',
    name: 'Open University of Pune',
    country: 'IN',
    accreditationCode: 'UGC-1234',
    contactEmail: 'registrar@oup.example.edu',
    registeredAt: at,
  },
};
/** As ledgers written before v2 stored it, with the key hash in the (anchored) data. */
const registeredV1: IssuerRegisteredV1 = { type: 'IssuerRegistered', data: { ...registered.data, apiKeyHash: 'ab'.repeat(32) } };
const suspended: IssuerSuspended = { type: 'IssuerSuspended', data: { issuerId: 'iss-1', reason: 'audit', suspendedAt: at } };

const unregisteredHistory: IssuerEvent[] = [];
const activeHistory: IssuerEvent[] = [registered];
const suspendedHistory: IssuerEvent[] = [registered, suspended];
const reinstatedHistory: IssuerEvent[] = [
  registered,
  suspended,
  { type: 'IssuerReinstated', data: { issuerId: 'iss-1', reinstatedAt: later } },
];

const suspend = (reason?: string) => ({
  type: 'SuspendIssuer' as const,
  data: { issuerId: 'iss-1', ...(reason !== undefined && { reason }), at: later },
});
const reinstate = { type: 'ReinstateIssuer' as const, data: { issuerId: 'iss-1', at: later } };

const spec = given(issuerDecider);

describe('issuer: unregistered', () => {
  it('RegisterIssuer records IssuerRegistered', () => spec(unregisteredHistory).when(register()).then([registered]));

  it('RegisterIssuer trims name and code and normalises the time', () =>
    spec([])
      .when(register({ name: '  Open University of Pune ', accreditationCode: ' UGC-1234 ', at: '2026-03-01T10:00:00Z' }))
      .then([registered]));

  it('SuspendIssuer is rejected as not found', () => spec([]).when(suspend()).thenThrows('ISSUER.NOT_FOUND', 'issuerId'));

  it('ReinstateIssuer is rejected as not found', () => spec([]).when(reinstate).thenThrows('ISSUER.NOT_FOUND', 'issuerId'));
});

describe('issuer: active', () => {
  it('RegisterIssuer is rejected as already registered', () =>
    spec(activeHistory).when(register()).thenThrows('ISSUER.ALREADY_REGISTERED', 'issuerId'));
  it('a v1 registration (key hash in data) folds as a v2 one', () =>
    spec([decodeEvent(issuerDecider, registeredV1)])
      .when(register())
      .thenThrows('ISSUER.ALREADY_REGISTERED', 'issuerId'));

  it('SuspendIssuer records IssuerSuspended with the reason', () =>
    spec(activeHistory)
      .when(suspend(' fraud inquiry '))
      .then([{ type: 'IssuerSuspended', data: { issuerId: 'iss-1', reason: 'fraud inquiry', suspendedAt: later } }]));

  it('SuspendIssuer without a reason omits the field', () =>
    spec(activeHistory)
      .when(suspend())
      .then([{ type: 'IssuerSuspended', data: { issuerId: 'iss-1', suspendedAt: later } }]));

  it('SuspendIssuer with a blank reason omits the field', () =>
    spec(activeHistory)
      .when(suspend('   '))
      .then([{ type: 'IssuerSuspended', data: { issuerId: 'iss-1', suspendedAt: later } }]));

  it('SuspendIssuer with a reason over 500 characters is rejected', () =>
    spec(activeHistory)
      .when(suspend('x'.repeat(501)))
      .thenThrows('VALIDATION.LENGTH', 'reason'));

  it('ReinstateIssuer is rejected as not suspended', () =>
    spec(activeHistory).when(reinstate).thenThrows('ISSUER.NOT_SUSPENDED', 'issuerId'));

  it('a reinstated issuer is active again', () =>
    spec(reinstatedHistory)
      .when(suspend())
      .then([{ type: 'IssuerSuspended', data: { issuerId: 'iss-1', suspendedAt: later } }]));
});

describe('issuer: suspended', () => {
  it('RegisterIssuer is rejected as already registered', () =>
    spec(suspendedHistory).when(register()).thenThrows('ISSUER.ALREADY_REGISTERED'));

  it('SuspendIssuer is rejected as already suspended', () =>
    spec(suspendedHistory).when(suspend()).thenThrows('ISSUER.ALREADY_SUSPENDED', 'issuerId'));

  it('ReinstateIssuer records IssuerReinstated', () =>
    spec(suspendedHistory)
      .when(reinstate)
      .then([{ type: 'IssuerReinstated', data: { issuerId: 'iss-1', reinstatedAt: later } }]));

  it('ReinstateIssuer with an invalid time is rejected', () =>
    spec(suspendedHistory)
      .when({ ...reinstate, data: { issuerId: 'iss-1', at: 'yesterday' } })
      .thenThrows('VALIDATION.FORMAT', 'at'));
});

describe('issuer: API key rotation', () => {
  const rotate = (by: 'issuer' | 'admin') => ({ type: 'RotateIssuerApiKey' as const, data: { issuerId: 'iss-1', by, at: later } });
  const rotated = { type: 'IssuerApiKeyRotated' as const, data: { issuerId: 'iss-1', rotatedAt: later } };

  it('by the issuer or the authority records IssuerApiKeyRotated, with no key material in the data', () => {
    spec(activeHistory).when(rotate('issuer')).then([rotated]);
    spec(activeHistory).when(rotate('admin')).then([rotated]);
  });
  it('of an issuer registered with the v1 shape (hash in data) is accepted as well', () =>
    spec([decodeEvent(issuerDecider, registeredV1)])
      .when(rotate('issuer'))
      .then([rotated]));
  it('by a suspended issuer is refused; the authority may still replace its key', () => {
    spec(suspendedHistory).when(rotate('issuer')).thenThrows('ISSUER.SUSPENDED', 'issuerId');
    spec(suspendedHistory).when(rotate('admin')).then([rotated]);
  });
  it('of an unknown issuer is not found', () => spec([]).when(rotate('admin')).thenThrows('ISSUER.NOT_FOUND', 'issuerId'));
  it('leaves the status as it was', () =>
    spec([registered, rotated])
      .when(suspend())
      .then([{ type: 'IssuerSuspended', data: { issuerId: 'iss-1', suspendedAt: later } }]));
});

describe('issuer: registration fields', () => {
  const rejects: Array<[string, Partial<RegisterIssuer['data']>, ErrorCode, string]> = [
    ['blank name', { name: '   ' }, 'VALIDATION.REQUIRED', 'name'],
    ['name over 200', { name: 'n'.repeat(201) }, 'VALIDATION.LENGTH', 'name'],
    ['missing name', { name: undefined }, 'VALIDATION.REQUIRED', 'name'],
    ['lower-case country', { country: 'in' }, 'VALIDATION.FORMAT', 'country'],
    ['three-letter country', { country: 'IND' }, 'VALIDATION.FORMAT', 'country'],
    ['unassigned country', { country: 'XX' }, 'VALIDATION.ONE_OF', 'country'],
    ['reserved country UK', { country: 'UK' }, 'VALIDATION.ONE_OF', 'country'],
    ['empty accreditation code', { accreditationCode: '' }, 'VALIDATION.REQUIRED', 'accreditationCode'],
    ['accreditation code over 64', { accreditationCode: 'a'.repeat(65) }, 'VALIDATION.LENGTH', 'accreditationCode'],
    ['email without @', { contactEmail: 'registrar.example.edu' }, 'VALIDATION.FORMAT', 'contactEmail'],
    ['email without domain dot', { contactEmail: 'registrar@localhost' }, 'VALIDATION.FORMAT', 'contactEmail'],
    ['email with space', { contactEmail: 'reg istrar@oup.edu' }, 'VALIDATION.FORMAT', 'contactEmail'],
    ['bad issuer id', { issuerId: '-x' }, 'VALIDATION.FORMAT', 'issuerId'],
    ['impossible date', { at: '2026-02-30T00:00:00Z' }, 'VALIDATION.FORMAT', 'at'],
    ['a lone surrogate in the name', { name: 'Open \ud800 University' }, 'VALIDATION.FORMAT', 'name'],
    ['a lone surrogate in the email', { contactEmail: 'reg\udc00@oup.example.edu' }, 'VALIDATION.FORMAT', 'contactEmail'],
  ];

  it.each(rejects)('rejects %s', (_label, overrides, code, field) => spec([]).when(register(overrides)).thenThrows(code, field));

  it('accepts a 200-character name and a 64-character code', () =>
    spec([])
      .when(register({ name: 'n'.repeat(200), accreditationCode: 'c'.repeat(64) }))
      .then([{ ...registered, data: { ...registered.data, name: 'n'.repeat(200), accreditationCode: 'c'.repeat(64) } }]));

  it('messages name the field and the rule', () => {
    const error = spec([])
      .when(register({ name: 'n'.repeat(201) }))
      .error();
    expect(error.message).toBe('name must be at most 200 characters');
    expect(error.kind).toBe('validation');
  });
});
