import { anchorDecider } from './anchor/anchor.decider';
import { decodeEvent, EVENT_TYPES, isEventType, upcast, upcastWith, UPCASTERS } from './events';
import { issuerDecider } from './issuer/issuer.decider';
import { learnerDecider } from './learner/learner.decider';
import { pathwayDecider } from './pathway/pathway.decider';
import { issued } from './testing/learner.fixtures';

describe('event catalogue', () => {
  it('lists every type the domain writes, once', () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        'CredentialIssued',
        'CredentialRevoked',
        'CreditsTransferred',
        'IssuerApiKeyRotated',
        'IssuerKeyRegistered',
        'IssuerKeyRetired',
        'IssuerKeyRevoked',
        'IssuerRegistered.v2',
        'IssuerReinstated',
        'IssuerSuspended',
        'PathwayDefined',
        'QualificationAwarded',
        'AnchorClaimed',
        'BatchAnchored',
        'BatchOrphaned',
        'RevocationsPushed',
        'RevocationsOrphaned',
        'ClaimCodeIssued',
        'LearnerClaimed',
        'LearnerKeyRotated',
        'AccessGranted',
        'AccessWithdrawn',
      ].sort(),
    );
    expect(isEventType('CredentialIssued')).toBe(true);
    expect(isEventType('CredentialIssued.v2')).toBe(false);
  });

  it('upcasting is the identity for every current type', () => {
    for (const type of EVENT_TYPES) {
      const data = { any: 'payload', n: 1 };
      expect(upcast(type, data)).toStrictEqual({ type, data });
    }
    expect(upcast('constructor', {})).toStrictEqual({ type: 'constructor', data: {} });
  });

  it('reads IssuerRegistered (v1, key hash in data) as IssuerRegistered.v2, data as stored', () => {
    expect(Object.keys(UPCASTERS)).toEqual(['IssuerRegistered']);
    const stored = {
      issuerId: 'i',
      name: 'N',
      country: 'IN',
      accreditationCode: 'A',
      contactEmail: 'a@b.c',
      apiKeyHash: 'ab'.repeat(32),
      registeredAt: 'then',
    };
    const current = upcast('IssuerRegistered', stored);
    expect(current).toStrictEqual({ type: 'IssuerRegistered.v2', data: stored });
    expect(isEventType(current.type)).toBe(true);
    const decoded = decodeEvent(issuerDecider, { type: 'IssuerRegistered', data: stored });
    expect(issuerDecider.evolve(issuerDecider.initialState(), decoded)).toStrictEqual({
      status: 'active',
      issuerId: 'i',
      name: 'N',
      keys: {},
    });
  });

  it('chains upcasters from a stored version to the current one without touching stored data', () => {
    const stored = { credential: { credits: '4' } };
    const chain = upcastWith({
      CredentialIssued: (data) => ({ type: 'CredentialIssued.v2', data: { ...data, schema: 2 } }),
      'CredentialIssued.v2': (data) => ({ type: 'CredentialIssued.v3', data: { ...data, schema: 3 } }),
    });
    expect(chain('CredentialIssued', stored)).toStrictEqual({
      type: 'CredentialIssued.v3',
      data: { credential: { credits: '4' }, schema: 3 },
    });
    expect(stored).toStrictEqual({ credential: { credits: '4' } });
  });

  it('stops a cycle of upcasters', () => {
    const loop = upcastWith({ A: (data) => ({ type: 'B', data }), B: (data) => ({ type: 'A', data }) });
    expect(() => loop('A', {})).toThrow('upcasters for A do not reach a current version');
  });

  it('decodes a stored event, envelope and all, into the event its decider folds', () => {
    const stored = { seq: 7, id: 'e-7', stream: 'learner-x', revision: 0, recordedAt: 'then', metadata: { actor: 'a' }, ...issued('c-1') };
    const decoded = decodeEvent(learnerDecider, stored);
    expect(decoded).toStrictEqual(issued('c-1'));
    expect(Object.keys(learnerDecider.evolve(learnerDecider.initialState(), decoded).credentials)).toEqual(['c-1']);
  });

  it('refuses to decode a type its decider does not name, or one no version of the catalogue knows', () => {
    const reinstated = { type: 'IssuerReinstated', data: { issuerId: 'i', reinstatedAt: 'now' } };
    expect(() => decodeEvent(learnerDecider, reinstated)).toThrow(/stored IssuerReinstated event is not one of CredentialIssued, /);
    expect(() => decodeEvent(issuerDecider, { type: 'IssuerRenamed', data: {} })).toThrow(/stored IssuerRenamed event/);
    expect(decodeEvent(issuerDecider, reinstated)).toStrictEqual(reinstated);
  });

  it('each decider names its own events, and together they are the catalogue', () => {
    const named = [issuerDecider, learnerDecider, pathwayDecider, anchorDecider({ chainId: 1, contract: '0x1' })].flatMap((d) => [
      ...d.eventTypes,
    ]);
    expect([...named].sort()).toEqual([...EVENT_TYPES].sort());
  });
});
