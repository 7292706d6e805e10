import {
  ChainUnavailableError,
  ConsensusReader,
  ContractCallError,
  verifyBundle,
  type ChainFact,
  type ReasonCode,
  type VerifyOptions,
} from '../src';
import { buildBatch, bundleOf, CONTRACT, InMemoryAnchorReader, keyOf, ledgerEvents, type BuiltBatch } from '../src/testing/bundle.fixtures';

/** Pure unit tests of reading the chain through several endpoints, with in-memory readers. */
const NOW = new Date('2026-06-01T00:00:00Z');
let batch: BuiltBatch;
let other: BuiltBatch;
beforeAll(async () => {
  batch = await buildBatch(0, ledgerEvents(1, 7));
  other = await buildBatch(0, ledgerEvents(101, 7));
});

const honest = () => new InMemoryAnchorReader().anchor(batch);
const endpoints = (...readers: InMemoryAnchorReader[]) => readers.map((reader, i) => ({ name: `rpc${i + 1}`, reader }));
const verify = (readers: InMemoryAnchorReader[], seq = 4, extra: Partial<VerifyOptions> = {}) =>
  verifyBundle(bundleOf(batch, seq), { endpoints: endpoints(...readers), trustedContract: CONTRACT, now: NOW, ...extra } as VerifyOptions);
const revokedHonest = () => honest().revoke(keyOf(bundleOf(batch, 4)), 1_780_000_000);
const statuses = (r: { rpc?: { endpoints: readonly { status: string }[] } }) => r.rpc?.endpoints.map((e) => e.status);

/** For each fact, an endpoint that answers it differently from {@link honest} (and everything else the same). */
const LIARS: Array<[ChainFact, ReasonCode, () => InMemoryAnchorReader]> = [
  ['chainId', 'INCONSISTENT_CHAIN_ID', () => new InMemoryAnchorReader(5).anchor(batch)],
  ['code', 'INCONSISTENT_CODE', () => new InMemoryAnchorReader(undefined, { [CONTRACT.toLowerCase()]: '0x6081' }).anchor(batch)],
  ['batchCount', 'INCONSISTENT_BATCH_COUNT', () => honest().anchor({ ...other, index: 1 })],
  ['batch', 'INCONSISTENT_BATCH', () => new InMemoryAnchorReader().anchor(batch, 1_768_471_201)],
  ['revokedAt', 'INCONSISTENT_REVOKED_AT', () => revokedHonest()],
];

describe('ConsensusReader: disagreement is never valid', () => {
  it.each(LIARS.flatMap(([fact, code, liar]) => [0, 1, 2].map((at) => [fact, at, code, liar] as const)))(
    'an endpoint answering %s differently, at position %i of 3 -> inconsistent (%s), naming every endpoint',
    async (fact, at, code, liar) => {
      const readers = [honest(), honest()];
      readers.splice(at, 0, liar());
      const r = await verify(readers);
      expect(r).toMatchObject({ verdict: 'inconsistent', code, disagreement: { fact } });
      expect(r.disagreement!.answers.map((a) => a.endpoint)).toEqual(['rpc1', 'rpc2', 'rpc3']);
      expect(r.reason).toMatch(/^the RPC endpoints disagree on .*rpc1 says .*; rpc2 says .*; rpc3 says /);
    },
  );

  it('a liar saying "not revoked" before an honest one: inconsistent, with both answers', async () => {
    const r = await verify([honest(), revokedHonest()]);
    expect(r.verdict).toBe('inconsistent');
    expect(r.disagreement).toEqual({
      fact: 'revokedAt',
      call: `revokedAt(${keyOf(bundleOf(batch, 4))})`,
      block: 100,
      answers: [
        { endpoint: 'rpc1', answer: '0 (not revoked)' },
        { endpoint: 'rpc2', answer: '1780000000 (revoked at 2026-05-28T20:26:40.000Z)' },
      ],
    });
  });

  it('a revert on one endpoint and an answer on another disagree; a revert on all is wrong-chain', async () => {
    const reverting = () =>
      Object.assign(honest(), { batchCount: async () => Promise.reject(new ContractCallError('batchCount() returned no data')) });
    expect((await verify([reverting(), honest()])).code).toBe('INCONSISTENT_BATCH_COUNT');
    expect(await verify([reverting(), reverting()])).toMatchObject({ verdict: 'wrong-chain', code: 'NOT_AN_ANCHOR_CONTRACT' });
  });
});

describe('ConsensusReader: agreement and quorum', () => {
  it('two honest endpoints: valid, every read at one block, both reported as answered', async () => {
    const readers = [honest(), honest()];
    readers[1].head = 103n;
    const r = await verify(readers);
    expect(r).toMatchObject({ verdict: 'valid', rpc: { quorum: 2, block: 100 } });
    expect(statuses(r)).toEqual(['answered', 'answered']);
    expect(new Set([...readers[0].blocksRead, ...readers[1].blocksRead])).toEqual(new Set([100n]));
    expect(r.reason).toContain('(as of block 100)');
  });

  it('two given, one down: unreachable (QUORUM_NOT_MET), even though the one answering says valid', async () => {
    const down = Object.assign(honest(), { down: true });
    const r = await verify([down, honest()]);
    expect(r).toMatchObject({ verdict: 'unreachable', code: 'QUORUM_NOT_MET' });
    expect(r.reason).toMatch(
      /only 1 of 2 RPC endpoints answered \(rpc1: connect ECONNREFUSED.*\); with two or more given, a verdict from the chain needs two that agree/,
    );
    expect(statuses(r)).toEqual(['failed', 'answered']);
  });

  it('three given, one down: the two others agree -> valid', async () => {
    const r = await verify([Object.assign(honest(), { down: true }), honest(), honest()]);
    expect(r.verdict).toBe('valid');
    expect(statuses(r)).toEqual(['failed', 'answered', 'answered']);
  });

  it('an endpoint dying mid-way is dropped: with three the other two decide, with two the quorum is lost', async () => {
    const dying = () => {
      const reader = honest();
      reader.revokedAt = async () => {
        throw new ChainUnavailableError('socket hang up');
      };
      return reader;
    };
    expect((await verify([dying(), honest(), honest()])).verdict).toBe('valid');
    const r = await verify([dying(), honest()]);
    expect(r).toMatchObject({ verdict: 'unreachable', code: 'QUORUM_NOT_MET' });
    expect(r.reason).toContain('rpc1: revokedAt: socket hang up');
  });

  it('all down -> unreachable, naming each; one endpoint given keeps single-endpoint trust', async () => {
    const r = await verify([1, 2, 3].map(() => Object.assign(honest(), { down: true })));
    expect(r).toMatchObject({ verdict: 'unreachable', code: 'UNREACHABLE' });
    expect(r.reason).toMatch(/all 3 RPC endpoint\(s\) failed \(rpc1: .*; rpc2: .*; rpc3: .*\)/);
    expect(await verify([honest()])).toMatchObject({ verdict: 'valid', rpc: { quorum: 1 } });
  });
});

describe('ConsensusReader: lagging endpoints', () => {
  it('within maxLag: read at the lowest newest block, so the lagging node can answer', async () => {
    const lagging = honest();
    lagging.head = 90n;
    const r = await verify([honest(), lagging], 4, { maxLagBlocks: 10 });
    expect(r).toMatchObject({ verdict: 'valid', rpc: { block: 90 } });
    expect(lagging.blocksRead.every((b) => b === 90n)).toBe(true);
  });

  it('beyond maxLag: set aside; with two given the quorum is lost, with three the others decide', async () => {
    const lagging = () => Object.assign(honest(), { head: 80n });
    const two = await verify([lagging(), revokedHonest()], 4, { maxLagBlocks: 10 });
    expect(two).toMatchObject({ verdict: 'unreachable', code: 'QUORUM_NOT_MET' });
    expect(two.reason).toContain('rpc1: lags 20 blocks behind the newest block 100 (more than 10)');
    const three = await verify([lagging(), revokedHonest(), revokedHonest()], 4, { maxLagBlocks: 10 });
    expect(three).toMatchObject({ verdict: 'revoked', rpc: { block: 100 } });
    expect(statuses(three)).toEqual(['lagging', 'answered', 'answered']);
  });

  it('a liar claiming a far newer block cannot make the others look stale and itself decide', async () => {
    const ahead = Object.assign(honest(), { head: 1_000_000n });
    const r = await verify([ahead, revokedHonest()]);
    expect(r).toMatchObject({ verdict: 'unreachable', code: 'QUORUM_NOT_MET' });
    expect(statuses(r)).toEqual(['answered', 'lagging']);
  });

  it('a newest block that is not a block number makes that endpoint failed', async () => {
    const odd = Object.assign(honest(), { blockNumber: async () => -1n });
    const r = await verify([odd, honest(), honest()]);
    expect(r.verdict).toBe('valid');
    expect(r.rpc!.endpoints[0]).toMatchObject({ status: 'failed', error: 'answered -1 as its newest block' });
  });
});

describe('ConsensusReader: the pinned chain', () => {
  it('a bundle naming another chain than the pinned one -> wrong-chain, no endpoint asked', async () => {
    const reader = honest();
    const r = await verify([reader, honest()], 4, { chainId: 1 });
    expect(r).toMatchObject({
      verdict: 'wrong-chain',
      code: 'CHAIN_ID_MISMATCH',
      reason: 'the bundle was anchored on chain 31337, not on the pinned chain 1',
    });
    expect(reader.calls).toBe(0);
  });

  it('an endpoint serving another chain -> wrong-chain naming it, even when the bundle names that chain', async () => {
    const onChain5 = new InMemoryAnchorReader(5).anchor(batch);
    const r = await verify([honest(), onChain5], 4, { chainId: 31337 });
    expect(r).toMatchObject({
      verdict: 'wrong-chain',
      code: 'CHAIN_ID_MISMATCH',
      reason: 'rpc2 serves chain 5, not the pinned chain 31337',
    });
    const named = await verifyBundle(
      { ...bundleOf(batch, 4), anchor: { ...bundleOf(batch, 4).anchor, chainId: 5 } },
      {
        endpoints: endpoints(new InMemoryAnchorReader(5).anchor(batch)),
        trustedContract: CONTRACT,
        now: NOW,
        chainId: 31337,
      },
    );
    expect(named).toMatchObject({ verdict: 'wrong-chain', code: 'CHAIN_ID_MISMATCH' });
  });
});

describe('ConsensusReader: preconditions', () => {
  it('needs an endpoint and a lag >= 0; reads code only when every endpoint can', () => {
    expect(() => new ConsensusReader([])).toThrow(RangeError);
    expect(() => new ConsensusReader(endpoints(honest()), { maxLagBlocks: -1 })).toThrow(RangeError);
    const noCode = Object.assign(honest(), { code: undefined });
    expect(new ConsensusReader(endpoints(honest(), honest())).readsCode).toBe(true);
    expect(new ConsensusReader(endpoints(honest(), noCode)).readsCode).toBe(false);
  });
});
