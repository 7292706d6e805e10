import { fold } from '../shared/decider';
import { given } from '../testing/given';
import { ClaimBatch, RecordBatch } from './anchor.commands';
import { anchorDecider } from './anchor.decider';
import { AnchorClaimed, AnchorEvent, BatchAnchored, RevocationsPushed } from './anchor.events';
import { batchAt, batchCount, batchesFrom, lastBatch } from './anchor.state';

const here = { chainId: 31337, contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const elsewhere = { chainId: 31337, contract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' };
const spec = given(anchorDecider(here));
const at = '2026-11-25T10:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(at) + ms).toISOString();
const root = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const tx = (n: number) => `0x${(0xee00 + n).toString(16).padStart(64, '0')}`;

const claim = (fromSeq: number, toSeq: number, overrides: Partial<ClaimBatch['data']> = {}): ClaimBatch => ({
  type: 'ClaimBatch',
  data: { fromSeq, toSeq, root: root(toSeq), instanceId: 'instance-a', claimedAt: at, claimTtlMs: 60_000, ...overrides },
});
const claimed = (
  index: number,
  fromSeq: number,
  toSeq: number,
  instanceId = 'instance-a',
  claimedAt = at,
  location = here,
): AnchorClaimed => ({
  type: 'AnchorClaimed',
  data: { index, fromSeq, toSeq, root: root(toSeq), ...location, instanceId, claimedAt },
});
const record = (index: number, fromSeq: number, toSeq: number): RecordBatch => ({
  type: 'RecordBatch',
  data: { index, root: root(toSeq), fromSeq, toSeq, txHash: tx(index), blockNumber: 10 + index },
});
const anchored = (index: number, fromSeq: number, toSeq: number, location = here): BatchAnchored => ({
  type: 'BatchAnchored',
  data: { index, root: root(toSeq), fromSeq, toSeq, ...location, txHash: tx(index), blockNumber: 10 + index },
});
const pushed = (fromSeq: number, toSeq: number, keys: number, txIndex?: number): RevocationsPushed => ({
  type: 'RevocationsPushed',
  data: { fromSeq, toSeq, keys, ...here, ...(txIndex !== undefined && { txHash: tx(txIndex), blockNumber: 50 + txIndex }) },
});
const pushRevocations = (fromSeq: number, toSeq: number, keys: number, txIndex?: number) => ({
  type: 'RecordRevocationsPushed' as const,
  data: { fromSeq, toSeq, keys, ...(txIndex !== undefined && { receipt: { txHash: tx(txIndex), blockNumber: 50 + txIndex } }) },
});
const twoBatches: AnchorEvent[] = [claimed(0, 1, 3), anchored(0, 1, 3), claimed(1, 4, 6), anchored(1, 4, 6)];

describe('anchor: claiming the next batch', () => {
  it('claims batch 0 from seq 1 on an empty record, naming its chain and contract', () =>
    spec([])
      .when(claim(1, 3))
      .then([claimed(0, 1, 3)]));

  it('claims the batch after the last one recorded', () =>
    spec(twoBatches)
      .when(claim(7, 9))
      .then([claimed(2, 7, 9)]));

  it('refuses a range that does not start right after the last batch', () => {
    spec(twoBatches).when(claim(8, 9)).thenThrows('BATCH.NOT_NEXT', 'fromSeq');
    spec(twoBatches).when(claim(7, 6)).thenThrows('BATCH.NOT_NEXT', 'fromSeq');
  });

  it("stands aside while another instance's claim is live, and takes it over once it is older than the claim's lifetime", () => {
    const theirs = [claimed(0, 1, 3, 'instance-b')];
    spec(theirs)
      .when(claim(1, 3, { claimedAt: later(60_000) }))
      .thenThrows('BATCH.CLAIMED', 'instanceId');
    spec(theirs)
      .when(claim(1, 3, { claimedAt: later(60_001) }))
      .then([claimed(0, 1, 3, 'instance-a', later(60_001))]);
  });

  it('replaces its own open claim at once (the instance restarted mid-anchor)', () =>
    spec([claimed(0, 1, 3)])
      .when(claim(1, 5, { root: root(5) }))
      .then([claimed(0, 1, 5)]));

  it('a recorded batch closes its claim: the next claim by anyone is free', () =>
    spec([claimed(0, 1, 3, 'instance-b'), anchored(0, 1, 3)])
      .when(claim(4, 4))
      .then([claimed(1, 4, 4)]));

  it("reads only its own contract's records: another contract's batches and claims are history", () => {
    const theirs = [claimed(0, 1, 3, 'instance-b', at, elsewhere), anchored(0, 1, 3, elsewhere)];
    spec(theirs)
      .when(claim(1, 3))
      .then([claimed(0, 1, 3)]);
  });
});

describe('anchor: recording batches', () => {
  it('records the claimed batch as anchored, with its transaction', () =>
    spec([claimed(0, 1, 3)])
      .when(record(0, 1, 3))
      .then([anchored(0, 1, 3)]));

  it('records a batch copied from the chain with no claim of its own', () =>
    spec(twoBatches)
      .when(record(2, 7, 8))
      .then([anchored(2, 7, 8)]));

  it('refuses a batch that is not the next one, or does not continue the last', () => {
    spec(twoBatches)
      .when(record(1, 4, 6))
      .thenThrows('BATCH.NOT_NEXT', 'index');
    spec(twoBatches)
      .when(record(3, 7, 8))
      .thenThrows('BATCH.NOT_NEXT', 'index');
    spec(twoBatches)
      .when(record(2, 9, 10))
      .thenThrows('BATCH.NOT_NEXT', 'fromSeq');
  });
});

describe('anchor: batches a reorganisation removed', () => {
  it('orphans every recorded batch from the count the chain still holds, and nothing when it holds them all', () => {
    const orphaned = (index: number, fromSeq: number, toSeq: number) => ({
      type: 'BatchOrphaned' as const,
      data: { ...anchored(index, fromSeq, toSeq).data, chainBatchCount: 1 },
    });
    spec(twoBatches)
      .when({ type: 'RecordBatchesOrphaned', data: { chainBatchCount: 1 } })
      .then([orphaned(1, 4, 6)]);
    spec([...twoBatches, anchored(2, 7, 9)])
      .when({ type: 'RecordBatchesOrphaned', data: { chainBatchCount: 1 } })
      .then([orphaned(1, 4, 6), orphaned(2, 7, 9)]);
    spec(twoBatches)
      .when({ type: 'RecordBatchesOrphaned', data: { chainBatchCount: 2 } })
      .then([]);
  });

  it('anchors an orphaned batch again only as it was: same index, range and root', () => {
    const lost: AnchorEvent[] = [...twoBatches, { type: 'BatchOrphaned', data: { ...anchored(1, 4, 6).data, chainBatchCount: 1 } }];
    spec(lost)
      .when(claim(4, 6))
      .then([claimed(1, 4, 6)]);
    spec(lost).when(claim(4, 7)).thenThrows('BATCH.NOT_ORPHANED_RANGE', 'root');
    spec(lost)
      .when(claim(4, 6, { root: root(99) }))
      .thenThrows('BATCH.NOT_ORPHANED_RANGE', 'root');
    spec([...lost, claimed(1, 4, 6)])
      .when(record(1, 4, 6))
      .then([anchored(1, 4, 6)]);
    spec([...lost, anchored(1, 4, 6)])
      .when(claim(7, 7))
      .then([claimed(2, 7, 7)]);
  });
});

describe('anchor: revocations pushed on chain', () => {
  it('records pushes that tile the anchored seqs from 1, with or without a transaction', () => {
    spec(twoBatches)
      .when(pushRevocations(1, 4, 3, 0))
      .then([pushed(1, 4, 3, 0)]);
    spec([...twoBatches, pushed(1, 4, 3, 0)])
      .when(pushRevocations(5, 6, 0))
      .then([pushed(5, 6, 0)]);
  });

  it('refuses a push that leaves a gap, overlaps, or goes beyond the last anchored seq', () => {
    spec(twoBatches)
      .when(pushRevocations(2, 4, 1, 0))
      .thenThrows('REVOCATION.NOT_NEXT', 'fromSeq');
    spec([...twoBatches, pushed(1, 4, 3, 0)])
      .when(pushRevocations(4, 6, 1, 1))
      .thenThrows('REVOCATION.NOT_NEXT', 'fromSeq');
    spec(twoBatches)
      .when(pushRevocations(1, 7, 1, 0))
      .thenThrows('REVOCATION.NOT_NEXT', 'fromSeq');
  });

  it('orphans a lost push from its first seq, so its revocations and the later ones are pushed again', () => {
    const history = [...twoBatches, pushed(1, 2, 2, 0), pushed(3, 4, 2, 1), pushed(5, 6, 1, 2)];
    spec(history)
      .when({ type: 'RecordRevocationsOrphaned', data: { txHash: tx(1) } })
      .then([{ type: 'RevocationsOrphaned', data: { fromSeq: 3, ...here, txHash: tx(1) } }]);
    const lost = [...history, { type: 'RevocationsOrphaned' as const, data: { fromSeq: 3, ...here, txHash: tx(1) } }];
    spec(lost)
      .when(pushRevocations(3, 6, 3, 3))
      .then([pushed(3, 6, 3, 3)]);
    spec(lost)
      .when({ type: 'RecordRevocationsOrphaned', data: { txHash: tx(2) } })
      .thenThrows('REVOCATION.PUSH_NOT_FOUND', 'txHash');
  });

  it('a push without a transaction is no push to orphan', () =>
    spec([...twoBatches, pushed(1, 6, 0)])
      .when({ type: 'RecordRevocationsOrphaned', data: { txHash: tx(0) } })
      .thenThrows('REVOCATION.PUSH_NOT_FOUND', 'txHash'));
});

describe('anchor: the folded record', () => {
  it('gives batches by index and from an index on', () => {
    const state = fold(anchorDecider(here), [...twoBatches, anchored(2, 7, 9)]);
    expect([batchCount(state), lastBatch(state)?.index, batchAt(state, 1)?.fromSeq, batchAt(state, 3)]).toEqual([3, 2, 4, undefined]);
    expect(batchesFrom(state, 1).map((b) => b.index)).toEqual([1, 2]);
  });

  it('folds a long record in linear time (100,000 batches)', () => {
    const events: AnchorEvent[] = Array.from({ length: 100_000 }, (_, i) => anchored(i, i + 1, i + 1));
    const start = performance.now();
    const state = fold(anchorDecider(here), events);
    expect(batchCount(state)).toBe(100_000);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
