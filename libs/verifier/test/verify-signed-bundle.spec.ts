import { DnsLookupError, keyHash, type TxtResolver } from '@stackledger/data-integrity';
import { verifyBundle, type ProofBundle, type ReasonCode, type VerifyOptions, type Verdict } from '../src';
import { buildBatch, bundleOf, CONTRACT, InMemoryAnchorReader, keyOf, type BuiltBatch } from '../src/testing/bundle.fixtures';
import {
  bundleV2,
  credentialEvent,
  issuerKit,
  keyPairOf,
  keyRegisteredEvent,
  signCredential,
  signedCredential,
  unsignedCredential,
  withKey,
  type IssuerKit,
} from '../src/testing/signed-bundle.fixtures';

/**
 * Steps 7-10 on `stackledger-proof/2` bundles, with an in-memory chain (pure unit tests; the
 * same cases run on a real SQLite ledger, the anchoring job and a Hardhat chain in
 * test/cli/verify-signed.e2e.spec.ts).
 */
const NOW = new Date('2026-06-01T00:00:00Z');
const T0 = 1_768_000_000; // batch 0: the key registrations
const T1 = 1_768_471_200; // batch 1: the credentials
type Mutable = Record<string, any>;
const clone = (b: ProofBundle): Mutable => JSON.parse(JSON.stringify(b));

let kit: IssuerKit; // registered at seq 2
let other: IssuerKit; // another issuer, its key at seq 3
let keys: BuiltBatch;
let credentials: BuiltBatch;
let late: BuiltBatch; // batch 2: a key registered after the credentials
let chain: InMemoryAnchorReader;

beforeAll(async () => {
  kit = issuerKit(1);
  other = issuerKit(2);
  // seq 1: the same key registered for another issuer (a registration its holder made for that one)
  keys = await buildBatch(0, [
    keyRegisteredEvent(1, issuerKit(3, { keyPair: kit.keyPair })),
    keyRegisteredEvent(2, kit),
    keyRegisteredEvent(3, other),
  ]);
  const thief = withKey(kit, keyPairOf(9));
  credentials = await buildBatch(1, [
    credentialEvent(4, signedCredential(4, kit)),
    credentialEvent(5, { ...signedCredential(5, kit), credits: '40' }), // changed after signing, then recorded
    credentialEvent(6, signedCredential(6, thief)), // signed by a key the issuer never registered
    credentialEvent(7, unsignedCredential(7, kit)),
    credentialEvent(8, signedCredential(8, withKey(kit, keyPairOf(5)))), // signed by the key registered late
    credentialEvent(
      9,
      signCredential(unsignedCredential(9, kit, { issuer: { id: other.issuerId, name: kit.name, domain: kit.domain } }), kit),
    ),
  ]);
  late = await buildBatch(2, [keyRegisteredEvent(10, withKey(kit, keyPairOf(5)), { registeredAt: '2026-01-16T09:00:00.000Z' })]);
});
beforeEach(() => {
  chain = new InMemoryAnchorReader()
    .anchor(keys, T0)
    .anchor(credentials, T1)
    .anchor(late, T1 + 60);
});

const signed = (seq = 4, keySeq = 2, keyBatch = keys) => bundleV2(credentials, seq, keyBatch, keySeq);
const verify = (bundle: unknown, extra: Partial<VerifyOptions> = {}) =>
  verifyBundle(bundle, { reader: chain, trustedContract: CONTRACT, now: NOW, ...extra } as VerifyOptions);
const hashOf = (k: IssuerKit) => keyHash(k.keyId);

describe('a signed credential', () => {
  it('valid: signature verified, the issuer named as it signed, the key registered and never revoked', async () => {
    const r = await verify(signed());
    expect(r).toMatchObject({
      verdict: 'valid',
      code: 'OK',
      facts: { issuerId: kit.issuerId, issuerName: kit.name, issuerDomain: kit.domain },
      signature: {
        status: 'verified',
        keyId: kit.keyId,
        verificationMethod: `${kit.keyId}#${kit.keyId.slice('did:key:'.length)}`,
        created: '2026-01-15T10:00:00Z',
        key: {
          keyHash: hashOf(kit),
          registeredAt: '2026-01-10T09:00:00.000Z',
          eventSeq: 2,
          batchIndex: 0,
          anchoredAt: '2026-01-09T23:06:40.000Z',
        },
      },
      dns: { status: 'unchecked', reason: 'NOT_ASKED', domain: kit.domain },
    });
    expect(r.signature?.key?.revokedAt).toBeUndefined();
    expect(r.reason).toMatch(
      /^the credential is recorded in ledger event 4, .*; signed by Institute of Examples 1 \(uni1\.example\) with its registered key did:key:z6Mk/,
    );
    expect(r.checks.every((c) => c.ok)).toBe(true);
    expect(new Set(r.checks.map((c) => c.step))).toEqual(new Set([0, 1, 2, 3, 4, 5, 7, 8, 9]));
  });

  it('a key registered in the same batch, before the credential, is fine', async () => {
    const same = await buildBatch(0, [keyRegisteredEvent(1, kit), credentialEvent(2, signedCredential(2, kit))]);
    chain = new InMemoryAnchorReader().anchor(same, T0);
    expect((await verify(bundleV2(same, 2, same, 1))).verdict).toBe('valid');
  });

  it('a key registered in the same batch but after the credential -> bad-signature (KEY_REGISTERED_LATER)', async () => {
    const same = await buildBatch(0, [credentialEvent(1, signedCredential(1, kit)), keyRegisteredEvent(2, kit)]);
    chain = new InMemoryAnchorReader().anchor(same, T0);
    expect(await verify(bundleV2(same, 1, same, 2))).toMatchObject({ verdict: 'bad-signature', code: 'KEY_REGISTERED_LATER' });
  });
});

/** Each names the one thing wrong with an otherwise valid signed bundle. */
const CASES: Array<[string, () => unknown, Verdict, ReasonCode]> = [
  ['document changed after signing, then recorded and anchored', () => signed(5), 'bad-signature', 'BAD_SIGNATURE'],
  ['proof by a key other than the registered one', () => signed(6), 'bad-signature', 'KEY_MISMATCH'],
  ['issuer.id is not issuerId (inside the signature)', () => signed(9), 'tampered', 'ISSUER_MISMATCH'],
  ['key registered in a later batch than the credential', () => signed(8, 10, late), 'bad-signature', 'KEY_REGISTERED_LATER'],
  ["another issuer's registration of another key", () => bundleV2(credentials, 4, keys, 3), 'bad-signature', 'KEY_MISMATCH'],
  ["another issuer's registration of the same key", () => bundleV2(credentials, 4, keys, 1), 'bad-signature', 'KEY_ISSUER_MISMATCH'],
  [
    'credential changed in the bundle only',
    () => ({ ...clone(signed()), credential: { ...signed().credential, credits: '40' } }),
    'tampered',
    'CREDENTIAL_MISMATCH',
  ],
  [
    'registration event changed in the bundle',
    () => mutate((b) => (b.issuerKey.event.data.registeredAt = '2026-01-10T09:01:00.000Z')),
    'tampered',
    'KEY_LEAF_MISMATCH',
  ],
  ['registration leaf replaced', () => mutate((b) => (b.issuerKey.merkle.leaf = `0x${'11'.repeat(32)}`)), 'tampered', 'KEY_LEAF_MISMATCH'],
  [
    'registration path sibling replaced',
    () => mutate((b) => (b.issuerKey.merkle.path[0] = `0x${'22'.repeat(32)}`)),
    'tampered',
    'KEY_ROOT_MISMATCH',
  ],
  [
    'registration range moved above its seq',
    () => mutate((b) => (b.issuerKey.merkle.batch.fromSeq = 3)),
    'tampered',
    'KEY_SEQ_OUT_OF_RANGE',
  ],
  [
    'registration event type changed',
    () => mutate((b) => (b.issuerKey.event.type = 'IssuerKeyRevoked')),
    'tampered',
    'NOT_A_KEY_REGISTRATION_EVENT',
  ],
  ['issuerKey dropped from a signed credential', () => mutate((b) => delete b.issuerKey), 'tampered', 'MALFORMED'],
  [
    'issuerKey beside an unsigned credential',
    () => ({ ...clone(bundleOf(credentials, 7)), format: 'stackledger-proof/2', issuerKey: signed().issuerKey }),
    'tampered',
    'MALFORMED',
  ],
  ['issuer without a name', () => mutate((b) => delete b.credential.issuer.name), 'tampered', 'MALFORMED'],
  ['unknown format', () => mutate((b) => (b.format = 'stackledger-proof/3')), 'tampered', 'MALFORMED'],
  [
    'registration anchored on another contract',
    () => mutate((b) => (b.issuerKey.anchor.contract = `0x${'99'.repeat(20)}`)),
    'wrong-chain',
    'CONTRACT_MISMATCH',
  ],
  ['registration anchored on another chain', () => mutate((b) => (b.issuerKey.anchor.chainId = 1)), 'wrong-chain', 'CHAIN_ID_MISMATCH'],
  [
    'registration batch index beyond the chain',
    () => mutate((b) => (b.issuerKey.merkle.batch.index = 7)),
    'not-anchored',
    'KEY_BATCH_NOT_FOUND',
  ],
  [
    'registration batch index of another batch',
    () => mutate((b) => (b.issuerKey.merkle.batch.index = 2)),
    'not-anchored',
    'KEY_BATCH_MISMATCH',
  ],
];

function mutate(change: (b: Mutable) => void): Mutable {
  const b = clone(signed());
  change(b);
  return b;
}

describe('signed bundles that must fail', () => {
  it.each(CASES.map(([name, make, verdict, code]) => [name, verdict, code, make] as const))(
    '%s -> %s (%s)',
    async (_name, verdict, code, make) => {
      const r = await verify(make());
      expect({ verdict: r.verdict, code: r.code }).toEqual({ verdict, code });
      expect(r.checks.at(-1)?.ok).toBe(false);
      if (verdict === 'bad-signature') expect(r.signature?.status).toBe('failed');
    },
  );

  it('bad-signature is decided without the chain, like tampered', async () => {
    chain.down = true;
    expect((await verify(signed(5))).verdict).toBe('bad-signature');
    expect(chain.calls).toBe(0);
  });
});

describe('proof of possession, judged at the registration time the ledger recorded', () => {
  const registered = async (options: Parameters<typeof keyRegisteredEvent>[2]) => {
    const batch = await buildBatch(0, [keyRegisteredEvent(1, kit, options), credentialEvent(2, signedCredential(2, kit))]);
    chain = new InMemoryAnchorReader().anchor(batch, T0);
    return verify(bundleV2(batch, 2, batch, 1));
  };

  it.each([
    ['made by another key', { signedBy: keyPairOf(9) }, 'KEY_MISMATCH'],
    ['naming another issuer', { popIssuerId: issuerKit(2).issuerId }, 'ISSUER_MISMATCH'],
    ['created 5 min 1 s before the registration', { registeredAt: '2026-01-10T09:05:01.000Z', created: '2026-01-10T09:00:00Z' }, 'STALE'],
    ['created 5 min 1 s after the registration', { registeredAt: '2026-01-10T08:54:59.000Z', created: '2026-01-10T09:00:00Z' }, 'STALE'],
  ])('%s -> bad-signature (BAD_PROOF_OF_POSSESSION, %s)', async (_name, options, why) => {
    const r = await registered(options);
    expect(r).toMatchObject({ verdict: 'bad-signature', code: 'BAD_PROOF_OF_POSSESSION' });
    expect(r.reason).toContain(`(${why})`);
  });

  it.each([
    ['exactly 5 min before', { registeredAt: '2026-01-10T09:05:00.000Z', created: '2026-01-10T09:00:00Z' }],
    ['exactly 5 min after', { registeredAt: '2026-01-10T08:55:00.000Z', created: '2026-01-10T09:00:00Z' }],
  ])('created %s the registration -> valid (the window is inclusive)', async (_name, options) => {
    expect((await registered(options)).verdict).toBe('valid');
  });
});

describe('key revocation, judged by chain time', () => {
  it('revoked after the credential was anchored -> still valid, the revocation reported', async () => {
    chain.revoke(hashOf(kit), T1 + 1);
    const r = await verify(signed());
    expect(r).toMatchObject({
      verdict: 'valid',
      signature: { status: 'verified', key: { revokedAt: new Date((T1 + 1) * 1000).toISOString() } },
    });
  });

  it.each([
    ['at the anchoring second', T1],
    ['before it', T1 - 3600],
  ])('revoked %s -> key-revoked', async (_name, at) => {
    chain.revoke(hashOf(kit), at);
    const r = await verify(signed());
    expect(r).toMatchObject({ verdict: 'key-revoked', code: 'KEY_REVOKED', signature: { status: 'failed' } });
    expect(r.reason).toContain(new Date(at * 1000).toISOString());
  });

  it('key revoked and credential revoked -> key-revoked (the signature cannot be trusted at all)', async () => {
    chain.revoke(hashOf(kit), T1 - 1).revoke(keyOf(signed()), T1 + 10);
    expect((await verify(signed())).verdict).toBe('key-revoked');
  });

  it('credential revoked, key fine -> revoked, with the signature verified', async () => {
    chain.revoke(keyOf(signed()), T1 + 10);
    expect(await verify(signed())).toMatchObject({ verdict: 'revoked', signature: { status: 'verified' } });
  });

  it("the chain anchoring the key's batch after the credential's -> bad-signature (KEY_REGISTERED_LATER)", async () => {
    chain = new InMemoryAnchorReader().anchor(keys, T1 + 5).anchor(credentials, T1);
    expect(await verify(signed())).toMatchObject({ verdict: 'bad-signature', code: 'KEY_REGISTERED_LATER' });
  });

  it('two RPCs disagreeing on the key revocation -> inconsistent (step 9)', async () => {
    const liar = new InMemoryAnchorReader()
      .anchor(keys, T0)
      .anchor(credentials, T1)
      .anchor(late, T1 + 60)
      .revoke(hashOf(kit), T1 - 1);
    const r = await verify(signed(), {
      reader: undefined,
      endpoints: [
        { name: 'a', reader: chain },
        { name: 'b', reader: liar },
      ],
    });
    expect(r).toMatchObject({ verdict: 'inconsistent', code: 'INCONSISTENT_REVOKED_AT' });
    expect(r.checks.at(-1)).toMatchObject({ step: 9, ok: false });
  });
});

describe('unsigned credentials: signature none', () => {
  it.each([
    ['a /1 bundle', () => bundleOf(credentials, 7)],
    ['a /2 bundle with an unsigned credential', () => ({ ...bundleOf(credentials, 7), format: 'stackledger-proof/2' })],
    ['a /1 bundle around a signed credential (its proof is not checked without the key)', () => bundleOf(credentials, 4)],
  ])('%s -> valid, signature none; with requireSignature -> unsigned', async (_name, make) => {
    const r = await verify(make());
    expect(r).toMatchObject({ verdict: 'valid', signature: { status: 'none' }, dns: { status: 'unchecked', reason: 'UNSIGNED' } });
    expect(r.reason).toContain('it carries no issuer signature');
    expect(await verify(make(), { requireSignature: true })).toMatchObject({ verdict: 'unsigned', code: 'UNSIGNED' });
  });

  it('requireSignature on a signed credential -> valid', async () => {
    expect((await verify(signed(), { requireSignature: true })).verdict).toBe('valid');
  });
});

describe('DNS (step 10)', () => {
  const resolver = (records: Record<string, string[]> | Error): TxtResolver => ({
    resolveTxt: async (name) => {
      if (records instanceof Error) throw records;
      return records[name] ?? [];
    },
  });
  const at = `_stackledger.${'uni1.example'}`;

  it.each([
    ['the domain lists the key', { [at]: [`stackledger-key=${'KEY'}`] }, 'confirmed', undefined],
    ['the domain lists another key', { [at]: [`stackledger-key=${issuerKit(2).keyId}`] }, 'not-confirmed', 'KEY_NOT_LISTED'],
    ['no record at all', {}, 'not-confirmed', 'NO_TXT_RECORDS'],
    ['the lookup fails', new DnsLookupError('ETIMEOUT', 'no answer'), 'not-confirmed', 'LOOKUP_FAILED'],
  ])('%s -> dns %s; with requireDns anything but confirmed is dns-not-confirmed', async (_name, table, status, reason) => {
    const records =
      table instanceof Error
        ? table
        : Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.map((r) => r.replace('KEY', kit.keyId))]));
    const r = await verify(signed(), { dns: resolver(records) });
    expect(r).toMatchObject({ verdict: 'valid', dns: { status, domain: 'uni1.example', ...(reason && { reason }) } });
    const required = await verify(signed(), { dns: resolver(records), requireDns: true });
    expect(required.verdict).toBe(status === 'confirmed' ? 'valid' : 'dns-not-confirmed');
  });

  it('requireDns on an unsigned credential -> dns-not-confirmed; with requireSignature too -> unsigned first', async () => {
    const dns = resolver({});
    expect(await verify(bundleOf(credentials, 7), { dns, requireDns: true })).toMatchObject({
      verdict: 'dns-not-confirmed',
      dns: { reason: 'UNSIGNED' },
    });
    expect((await verify(bundleOf(credentials, 7), { dns, requireDns: true, requireSignature: true })).verdict).toBe('unsigned');
  });
});
