import { given } from '../testing/given';
import { issuerDecider } from './issuer.decider';
import { IssuerEvent, IssuerRegistered } from './issuer.events';
import { fold } from '../shared/decider';

const at = '2026-03-01T10:00:00.000Z';
const later = '2026-04-01T10:00:00.000Z';
const KEY = `did:key:z6Mk${'a'.repeat(44)}`;
const OTHER = `did:key:z6Mk${'b'.repeat(44)}`;
const pop = { type: 'StackLedgerKeyRegistration', issuerId: 'iss-1', keyId: KEY, created: '2026-03-01T10:00:00Z', proof: {} };
const registered: IssuerRegistered = {
  type: 'IssuerRegistered.v2',
  data: {
    issuerId: 'iss-1',
    name: 'Open University of Pune',
    country: 'IN',
    accreditationCode: 'UGC-1234',
    contactEmail: 'registrar@oup.example.edu',
    domain: 'oup.example.edu',
    registeredAt: at,
  },
};
const keyRegistered: IssuerEvent = {
  type: 'IssuerKeyRegistered',
  data: { issuerId: 'iss-1', keyId: KEY, registeredAt: at, proofOfPossession: pop },
};
const retired: IssuerEvent = { type: 'IssuerKeyRetired', data: { issuerId: 'iss-1', keyId: KEY, retiredAt: later } };
const suspended: IssuerEvent = { type: 'IssuerSuspended', data: { issuerId: 'iss-1', suspendedAt: at } };
const spec = given(issuerDecider);
const register = (keyId = KEY) => ({ type: 'RegisterIssuerKey' as const, data: { issuerId: 'iss-1', keyId, proofOfPossession: pop, at } });
const retire = (keyId = KEY) => ({ type: 'RetireIssuerKey' as const, data: { issuerId: 'iss-1', keyId, at: later } });
const revoke = (by: 'issuer' | 'admin' = 'issuer', keyId = KEY) => ({
  type: 'RevokeIssuerKey' as const,
  data: { issuerId: 'iss-1', keyId, reason: ' stolen laptop ', by, at: later },
});

describe('issuer signing keys', () => {
  it('RegisterIssuerKey records IssuerKeyRegistered with the proof of possession', () =>
    spec([registered]).when(register()).then([keyRegistered]));
  it('a key registered twice is a conflict; a malformed did:key or an unknown issuer is refused', () => {
    spec([registered, keyRegistered]).when(register()).thenThrows('KEY.ALREADY_REGISTERED', 'keyId');
    spec([registered]).when(register('did:key:zQ3s-not-ed25519')).thenThrows('VALIDATION.FORMAT', 'keyId');
    spec([]).when(register()).thenThrows('ISSUER.NOT_FOUND', 'issuerId');
  });
  it('a suspended issuer registers no key', () =>
    spec([registered, suspended]).when(register()).thenThrows('ISSUER.SUSPENDED', 'issuerId'));
  it('retire: a live key becomes retired; retiring again or an unknown key is refused', () => {
    spec([registered, keyRegistered]).when(retire()).then([retired]);
    spec([registered, keyRegistered, retired]).when(retire()).thenThrows('KEY.RETIRED', 'keyId');
    spec([registered, keyRegistered]).when(retire(OTHER)).thenThrows('KEY.NOT_REGISTERED', 'keyId');
  });
  it('revoke: live or retired keys, by the issuer or the authority; the authority also while suspended', () => {
    const revoked = (by: 'issuer' | 'admin'): IssuerEvent => ({
      type: 'IssuerKeyRevoked',
      data: { issuerId: 'iss-1', keyId: KEY, reason: 'stolen laptop', by, revokedAt: later },
    });
    spec([registered, keyRegistered])
      .when(revoke())
      .then([revoked('issuer')]);
    spec([registered, keyRegistered, retired])
      .when(revoke())
      .then([revoked('issuer')]);
    spec([registered, keyRegistered, suspended])
      .when(revoke('admin'))
      .then([revoked('admin')]);
    spec([registered, keyRegistered, suspended]).when(revoke('issuer')).thenThrows('ISSUER.SUSPENDED', 'issuerId');
    spec([registered, keyRegistered, revoked('issuer')])
      .when(revoke())
      .thenThrows('KEY.REVOKED', 'keyId');
  });
  it('the state keeps each key with its status, the domain, and survives suspension', () => {
    const state = fold(issuerDecider, [
      registered,
      keyRegistered,
      suspended,
      { type: 'IssuerReinstated', data: { issuerId: 'iss-1', reinstatedAt: later } },
    ]);
    expect(state).toEqual({
      status: 'active',
      issuerId: 'iss-1',
      name: 'Open University of Pune',
      domain: 'oup.example.edu',
      keys: { [KEY]: { status: 'live', registeredAt: at } },
    });
  });
  it.each(['localhost', '10.0.0.1', 'bad_host.example', '-a.example', 'a..example'])('registration refuses domain %s', (domain) =>
    spec([])
      .when({
        type: 'RegisterIssuer',
        data: { issuerId: 'iss-1', name: 'N', country: 'IN', accreditationCode: 'C', contactEmail: 'a@b.cd', domain, at },
      })
      .thenThrows('VALIDATION.FORMAT', 'domain'),
  );
  it('registration lowers the domain', () =>
    expect(
      issuerDecider.decide(
        {
          type: 'RegisterIssuer',
          data: { issuerId: 'iss-1', name: 'N', country: 'IN', accreditationCode: 'C', contactEmail: 'a@b.cd', domain: 'IITM.ac.in', at },
        },
        issuerDecider.initialState(),
      )[0].data,
    ).toMatchObject({ domain: 'iitm.ac.in' }));
});
