import { verifyBundle, type ProofBundle, type ReasonCode, type Verdict } from '../src';
import {
  buildBatch,
  bundleOf,
  CHAIN_ID,
  CONTRACT,
  credentialDoc,
  InMemoryAnchorReader,
  keyOf,
  ledgerEvents,
  type BuiltBatch,
} from '../src/testing/bundle.fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
type Mutable = { -readonly [K in keyof ProofBundle]: any } & Record<string, any>;
const clone = (b: ProofBundle): Mutable => JSON.parse(JSON.stringify(b));

let first: BuiltBatch;
let second: BuiltBatch;
let chain: InMemoryAnchorReader;

beforeAll(async () => {
  first = await buildBatch(0, ledgerEvents(1, 7));
  second = await buildBatch(1, ledgerEvents(8, 10));
});
beforeEach(() => {
  chain = new InMemoryAnchorReader().anchor(first, 1_768_471_203).anchor(second, 1_768_471_260);
});

const verify = (bundle: unknown, reader = chain, now = NOW) => verifyBundle(bundle, { reader, trustedContract: CONTRACT, now });

describe('verifyBundle: valid bundles', () => {
  it.each([
    ['middle of a 7-leaf batch', () => bundleOf(first, 4)],
    ['last (unpaired) leaf of a 7-leaf batch', () => bundleOf(first, 7)],
    ['first leaf of the second batch', () => bundleOf(second, 8)],
    ['last leaf of the second batch', () => bundleOf(second, 17)],
  ])('%s -> valid with the facts', async (_name, make) => {
    const bundle = make();
    const r = await verify(bundle);
    expect(r).toMatchObject({ verdict: 'valid', code: 'OK' });
    expect(r.facts).toMatchObject({
      learnerId: bundle.credential.learnerId,
      issuerId: bundle.credential.issuerId,
      title: bundle.credential.title,
      credits: '4.5',
      level: 4.5,
      batchIndex: bundle.merkle.batch.index,
      chainId: CHAIN_ID,
      txHash: bundle.anchor.txHash,
      blockNumber: bundle.anchor.blockNumber,
      credentialKey: keyOf(bundle),
      anchoredAt: bundle.merkle.batch.index === 0 ? '2026-01-15T10:00:03.000Z' : '2026-01-15T10:01:00.000Z',
    });
    expect(r.checks.every((c) => c.ok)).toBe(true);
    expect(r.checks.map((c) => c.step)).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 5]));
  });

  it('a one-leaf batch (empty path) is valid', async () => {
    const single = await buildBatch(2, ledgerEvents(18, 2).slice(1)); // seq 19
    chain.anchor({ ...single, index: 2 });
    const bundle = bundleOf(single, 19);
    expect(bundle.merkle.path).toEqual([]);
    expect((await verify(bundle)).verdict).toBe('valid');
  });

  it('hex in upper case and a lower-case trusted address are the same values', async () => {
    const b = clone(bundleOf(first, 4));
    b.merkle.leaf = '0x' + b.merkle.leaf.slice(2).toUpperCase();
    b.merkle.batch.root = '0x' + b.merkle.batch.root.slice(2).toUpperCase();
    const r = await verifyBundle(b, { reader: chain, trustedContract: CONTRACT.toLowerCase(), now: NOW });
    expect(r.verdict).toBe('valid');
  });
});

/** Fault vectors: each named after the one change it makes to a valid bundle (seq 4 of batch 0). */
const FAULTS: Array<[string, (b: Mutable) => void, Verdict, ReasonCode]> = [
  ['credits-changed-in-credential', (b) => (b.credential.credits = '40.5'), 'tampered', 'CREDENTIAL_MISMATCH'],
  ['credential-field-added', (b) => (b.credential.honours = true), 'tampered', 'CREDENTIAL_MISMATCH'],
  [
    'credits-changed-in-both-places',
    (b) => {
      b.credential.credits = '40.5';
      b.event.data.credential.credits = '40.5';
    },
    'tampered',
    'LEAF_MISMATCH',
  ],
  [
    'credits-changed-in-both-places-and-leaf',
    (b) => {
      b.credential.credits = '40.5';
      b.event.data.credential.credits = '40.5';
      b.merkle.leaf = recomputedLeaf(b);
    },
    'tampered',
    'ROOT_MISMATCH',
  ],
  ['recorded-at-changed', (b) => (b.event.recordedAt = '2026-01-15T10:00:05.000Z'), 'tampered', 'LEAF_MISMATCH'],
  ['wrong-leaf', (b) => (b.merkle.leaf = `0x${'11'.repeat(32)}`), 'tampered', 'LEAF_MISMATCH'],
  ['sibling-replaced', (b) => (b.merkle.path[1] = `0x${'22'.repeat(32)}`), 'tampered', 'ROOT_MISMATCH'],
  [
    'siblings-swapped',
    (b) => (b.merkle.path = [b.merkle.path[1], b.merkle.path[0], ...b.merkle.path.slice(2)]),
    'tampered',
    'ROOT_MISMATCH',
  ],
  ['truncated-path', (b) => b.merkle.path.pop(), 'tampered', 'ROOT_MISMATCH'],
  ['extended-path', (b) => b.merkle.path.push(`0x${'33'.repeat(32)}`), 'tampered', 'ROOT_MISMATCH'],
  ['swapped-root', (b) => (b.merkle.batch.root = `0x${'44'.repeat(32)}`), 'tampered', 'ROOT_MISMATCH'],
  ['range-shrunk-below-seq', (b) => (b.merkle.batch.toSeq = 3), 'tampered', 'SEQ_OUT_OF_RANGE'],
  ['range-moved-above-seq', (b) => (b.merkle.batch.fromSeq = 5), 'tampered', 'SEQ_OUT_OF_RANGE'],
  ['event-type-changed', (b) => (b.event.type = 'CredentialRevoked'), 'tampered', 'NOT_A_CREDENTIAL_EVENT'],
  // `/2` is understood (an unsigned credential in it reads as in `/1`); a format not known is refused.
  ['format-changed', (b) => (b.format = 'stackledger-proof/3'), 'tampered', 'MALFORMED'],
  ['path-element-short', (b) => (b.merkle.path[0] = b.merkle.path[0].slice(0, 64)), 'tampered', 'MALFORMED'],
  ['path-not-array', (b) => (b.merkle.path = b.merkle.path[0]), 'tampered', 'MALFORMED'],
  ['contract-19-bytes', (b) => (b.anchor.contract = b.anchor.contract.slice(0, 40)), 'tampered', 'MALFORMED'],
  ['tx-hash-not-hex', (b) => (b.anchor.txHash = `0x${'zz'.repeat(32)}`), 'tampered', 'MALFORMED'],
  ['seq-as-string', (b) => (b.event.seq = '4'), 'tampered', 'MALFORMED'],
  ['seq-zero', (b) => (b.event.seq = 0), 'tampered', 'MALFORMED'],
  ['batch-index-fractional', (b) => (b.merkle.batch.index = 0.5), 'tampered', 'MALFORMED'],
  ['chain-id-missing', (b) => delete b.anchor.chainId, 'tampered', 'MALFORMED'],
  ['valid-until-not-a-time', (b) => (b.credential.validUntil = 'soon'), 'tampered', 'MALFORMED'],
  [
    'credential-lone-surrogate',
    (b) => {
      b.credential.title = '\uD800';
      b.event.data.credential.title = '\uD800';
    },
    'tampered',
    'MALFORMED',
  ],
  ['bundle-contract-differs-from-trusted', (b) => (b.anchor.contract = `0x${'99'.repeat(20)}`), 'wrong-chain', 'CONTRACT_MISMATCH'],
  ['chain-id-changed', (b) => (b.anchor.chainId = 11155111), 'wrong-chain', 'CHAIN_ID_MISMATCH'],
  ['batch-index-beyond-chain', (b) => (b.merkle.batch.index = 5), 'not-anchored', 'BATCH_NOT_FOUND'],
  ['batch-index-of-another-batch', (b) => (b.merkle.batch.index = 1), 'not-anchored', 'BATCH_MISMATCH'],
];

function recomputedLeaf(b: Mutable): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { eventLeaf } = require('@stackledger/merkle') as typeof import('@stackledger/merkle');
  return eventLeaf(b.event);
}

describe('verifyBundle: fault vectors', () => {
  it.each(FAULTS.map(([name, mutate, verdict, code]) => [name, verdict, code, mutate] as const))(
    '%s -> %s (%s)',
    async (_name, verdict, code, mutate) => {
      const b = clone(bundleOf(first, 4));
      mutate(b);
      const r = await verify(b);
      expect({ verdict: r.verdict, code: r.code }).toEqual({ verdict, code });
      expect(r.reason).toEqual(expect.any(String));
      expect(r.checks.at(-1)?.ok).toBe(false);
    },
  );

  it('a forged bundle whose own tree is consistent is not anchored (the chain holds another root)', async () => {
    const forged = await buildBatch(0, [
      ...ledgerEvents(1, 3),
      { ...ledgerEvents(4, 1)[0], data: { credential: credentialDoc(4, { credits: '40' }) } },
      ...ledgerEvents(5, 3),
    ]);
    const r = await verify(bundleOf(forged, 4));
    expect({ verdict: r.verdict, code: r.code }).toEqual({ verdict: 'not-anchored', code: 'BATCH_MISMATCH' });
    expect(r.reason).toContain(first.root);
  });

  it.each([null, 42, 'text', [], {}])('non-bundle input %p -> tampered (MALFORMED), no facts', async (input) => {
    const r = await verify(input);
    expect(r).toMatchObject({ verdict: 'tampered', code: 'MALFORMED', facts: undefined });
  });

  it('names the offending field', async () => {
    const b = clone(bundleOf(first, 4));
    b.merkle.path[2] = '0x12';
    expect((await verify(b)).reason).toBe('malformed bundle: merkle.path[2] must be 0x-hex of exactly 32 bytes, got "0x12"');
  });
});

describe('verifyBundle: revocation and expiry', () => {
  it('revoked on chain -> revoked, with the time', async () => {
    const bundle = bundleOf(first, 4);
    chain.revoke(keyOf(bundle), 1_780_000_000);
    const r = await verify(bundle);
    expect(r).toMatchObject({ verdict: 'revoked', code: 'REVOKED', facts: { revokedAt: '2026-05-28T20:26:40.000Z' } });
    expect(r.reason).toContain('2026-05-28T20:26:40.000Z');
  });

  it("another credential's revocation does not touch this one", async () => {
    chain.revoke(keyOf(bundleOf(first, 5)), 1_780_000_000);
    expect((await verify(bundleOf(first, 4))).verdict).toBe('valid');
  });

  it('revoked and expired -> revoked (revocation wins)', async () => {
    const bundle = bundleOf(first, 4);
    chain.revoke(keyOf(bundle), 1_780_000_000);
    expect((await verify(bundle, chain, new Date('2040-01-01T00:00:00Z'))).verdict).toBe('revoked');
  });

  it('validUntil past at the injected time -> expired; just before -> valid', async () => {
    const bundle = bundleOf(first, 4);
    expect((await verify(bundle, chain, new Date('2033-01-15T10:00:00.000Z'))).verdict).toBe('expired');
    expect((await verify(bundle, chain, new Date('2033-01-15T09:59:59.999Z'))).verdict).toBe('valid');
  });
});

describe('verifyBundle: the chain', () => {
  it('an RPC on another chain -> wrong-chain', async () => {
    const other = new InMemoryAnchorReader(1).anchor(first);
    expect(await verify(bundleOf(first, 4), other)).toMatchObject({ verdict: 'wrong-chain', code: 'CHAIN_ID_MISMATCH' });
  });

  it('no code at the trusted address -> wrong-chain', async () => {
    const empty = new InMemoryAnchorReader(CHAIN_ID, {}).anchor(first);
    expect(await verify(bundleOf(first, 4), empty)).toMatchObject({ verdict: 'wrong-chain', code: 'NO_CONTRACT_CODE' });
  });

  it('no batch anchored yet -> not-anchored', async () => {
    expect(await verify(bundleOf(first, 4), new InMemoryAnchorReader())).toMatchObject({
      verdict: 'not-anchored',
      code: 'BATCH_NOT_FOUND',
    });
  });

  it('the RPC down -> unreachable, but a tampered bundle is tampered without the chain', async () => {
    chain.down = true;
    expect(await verify(bundleOf(first, 4))).toMatchObject({ verdict: 'unreachable', code: 'UNREACHABLE' });
    const b = clone(bundleOf(first, 4));
    b.credential.credits = '9';
    expect((await verify(b)).verdict).toBe('tampered');
    expect(chain.calls).toBe(2); // chain id and newest block, asked together; none for the tampered bundle
  });

  it('a reader throwing something unexpected -> unreachable with its message', async () => {
    chain.revokedAt = async () => {
      throw new Error('boom');
    };
    expect(await verify(bundleOf(first, 4))).toMatchObject({ verdict: 'unreachable', reason: expect.stringContaining('boom') });
  });

  it('a reader answering a non-integer -> wrong-chain (not an anchor contract)', async () => {
    (chain as unknown as { batchCount: () => Promise<number> }).batchCount = async () => 1.5;
    expect(await verify(bundleOf(first, 4))).toMatchObject({ verdict: 'wrong-chain', code: 'NOT_AN_ANCHOR_CONTRACT' });
  });
});
