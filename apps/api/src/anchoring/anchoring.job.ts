import {
  ANCHOR_STREAM,
  AnchoredBatch,
  anchoredThroughSeq,
  AnchorState,
  batchCount,
  blockingClaim,
  isDomainError,
  lastBatch,
} from '@stackledger/domain';
import { EventStore } from '@stackledger/event-store';
import { MerkleTree } from '@stackledger/merkle';
import { AnchorChain, AnchorRangeTakenError, MAX_BATCH_SPAN } from './anchor-chain.port';
import { AnchorLog, AnchorRecord, isAnchorConflict } from './anchor-log';
import { batchTreeOf } from './batch-tree';
import { ChainMismatchError, ChainReconciler } from './chain-reconciler';
import { RevocationPushOptions, RevocationPusher, RevocationPushResult } from './revocation-pusher';

export interface AnchoringJobOptions {
  instanceId: string;
  /** A claim by another instance older than this is taken over (that instance died mid-anchor). */
  claimTtlMs: number;
  now(): Date;
  /** Cap on `toSeq - fromSeq` of one batch (default the contract's, MAX_BATCH_SPAN). */
  maxBatchSpan?: number;
  revocations?: RevocationPushOptions;
}

interface PendingRange {
  fromSeq: number;
  toSeq: number;
  /** Set when this is an orphaned batch anchored again: its recorded root. */
  root?: string;
}

interface Revocations {
  /** Keys pushed on chain by this run. */
  revoked: number;
  revocationTransactions: number;
  /** Set when the push stopped early after the anchor went through (the anchor stands; the next run resumes the push). */
  revocationError?: Error;
}

export type AnchorRunResult =
  | ({ outcome: 'anchored'; batch: AnchoredBatch; tree: MerkleTree; reanchored: number } & Revocations)
  | ({ outcome: 'nothing-pending' } & Revocations)
  | { outcome: 'busy' };

/**
 * One anchoring run, a process manager over the `anchor` stream: it asks the anchor decider
 * (through AnchorLog) to claim and record, and talks to the chain in between.
 * 1. reconcile the record with the chain (ChainReconciler);
 * 2. anchor again, one by one, any batch a reorganisation removed, then claim and anchor
 *    everything not yet anchored in one transaction, and record the batch;
 * 3. push the revocations of the anchored batches (RevocationPusher), chunk by chunk.
 * The anchor goes first: it is one small transaction, while a revocation backlog can take
 * hundreds, and a backlog must never hold back the record of what was issued. Revocations wait at
 * most for that one transaction, and they are on chain before the run answers.
 *
 * Crash safety: every step can be repeated. A crash after the transaction and before the record
 * leaves the chain ahead of the stream; the next run copies the missing batches from the chain
 * before it anchors anything, so there is never a second anchor of a range, nor a gap.
 */
export class AnchoringJob {
  private readonly log: AnchorLog;
  private readonly reconciler: ChainReconciler;
  private readonly pusher: RevocationPusher;
  private revocationMark?: number;

  constructor(
    private readonly store: EventStore,
    private readonly chain: AnchorChain,
    private readonly options: AnchoringJobOptions,
  ) {
    this.log = new AnchorLog(store, chain, options.instanceId, () => options.now());
    this.reconciler = new ChainReconciler(store, chain, this.log);
    this.pusher = new RevocationPusher(store, chain, this.log, options.revocations);
  }

  /** Every revocation up to this seq is on chain, as of the last run (undefined before the first). */
  revocationsPushedThroughSeq(): number | undefined {
    return this.revocationMark;
  }

  /** The record as it stands, without touching the chain beyond its location. */
  async readState(): Promise<AnchorState> {
    return (await this.log.read()).state;
  }

  async run(): Promise<AnchorRunResult> {
    let record = await this.reconcile();
    let anchored: { batch: AnchoredBatch; tree: MerkleTree } | undefined;
    let reanchored = 0;
    for (let next = await this.nextRange(record.state); next; next = next.root ? await this.nextRange(record.state) : undefined) {
      // The decider refuses such a claim too; asked first, no tree is built for nothing.
      if (blockingClaim(record.state, this.claimant())) return { outcome: 'busy' };
      const step = await this.anchorRange(record, next);
      if (step === 'busy') return { outcome: 'busy' };
      ({ record, ...anchored } = step);
      if (next.root) reanchored++;
    }
    const pushed = await this.pushRevocations(record, anchored !== undefined);
    return anchored ? { outcome: 'anchored', ...anchored, reanchored, ...pushed } : { outcome: 'nothing-pending', ...pushed };
  }

  /** Brings the record in line with the chain (see ChainReconciler); throws ChainMismatchError when it cannot. */
  async reconcile(): Promise<AnchorRecord> {
    const record = await this.reconciler.reconcile();
    this.revocationMark = record.state.revocationsThroughSeq;
    return record;
  }

  /** The next orphaned batch, else `fromSeq..head` (capped), or undefined when nothing but anchoring records is waiting. */
  private async nextRange(state: AnchorState): Promise<PendingRange | undefined> {
    const orphan = state.orphaned[0];
    if (orphan) return { fromSeq: orphan.fromSeq, toSeq: orphan.toSeq, root: orphan.root };
    const fromSeq = anchoredThroughSeq(state) + 1;
    const head = await this.store.headSeq();
    if (head < fromSeq) return undefined;
    // Counted from the `anchor` stream alone, so a million pending events are never read here.
    const anchorRecords = (await this.store.readStream(ANCHOR_STREAM)).filter((e) => e.seq >= fromSeq && e.seq <= head).length;
    // Anchoring records alone would make every run anchor the previous run's record, forever.
    if (head - fromSeq + 1 <= anchorRecords) return undefined;
    return { fromSeq, toSeq: Math.min(head, fromSeq + (this.options.maxBatchSpan ?? MAX_BATCH_SPAN) - 1) };
  }

  /** Claims the range, anchors it and records it; 'busy' when another writer came first. */
  private async anchorRange(
    record: AnchorRecord,
    range: PendingRange,
  ): Promise<{ record: AnchorRecord; batch: AnchoredBatch; tree: MerkleTree } | 'busy'> {
    // The tree comes from the store's stored leaves when it keeps them: no event is re-read or re-hashed.
    const tree = await batchTreeOf(this.store, range.fromSeq, range.toSeq);
    if (range.root && range.root.toLowerCase() !== tree.root) {
      throw new ChainMismatchError(
        `orphaned batch ${batchCount(record.state)} (seq ${range.fromSeq}-${range.toSeq}) was recorded with root ${range.root}, but the log now gives ${tree.root}`,
      );
    }
    try {
      const claimed = await this.log.decide(record, {
        type: 'ClaimBatch',
        data: { fromSeq: range.fromSeq, toSeq: range.toSeq, root: tree.root, ...this.claimant() },
      });
      const { index, fromSeq, toSeq } = claimed.state.openClaim!;
      const { txHash, blockNumber } = await this.chain.anchor(tree.root, fromSeq, toSeq);
      const recorded = await this.log.decide(claimed, {
        type: 'RecordBatch',
        data: { index, root: tree.root, fromSeq, toSeq, txHash, blockNumber },
      });
      return { record: await this.log.read(), batch: lastBatch(recorded.state)!, tree };
    } catch (error) {
      if (error instanceof AnchorRangeTakenError) await this.reconcile();
      if (error instanceof AnchorRangeTakenError || isAnchorConflict(error) || isDomainError(error, 'BATCH.CLAIMED')) return 'busy';
      throw error;
    }
  }

  /**
   * Pushes what is pending. When this run anchored, a failed push does not fail the run: the
   * batch stands, and the next run resumes the push.
   */
  private async pushRevocations(record: AnchorRecord, anchored: boolean): Promise<Revocations> {
    const result: RevocationPushResult = await this.pusher.push(record);
    this.revocationMark = result.throughSeq;
    const pushed: Revocations = { revoked: result.keys, revocationTransactions: result.transactions };
    // Another instance recorded first: it is pushing the same revocations.
    if (!result.error || isAnchorConflict(result.error)) return pushed;
    if (!anchored) throw result.error;
    return { ...pushed, revocationError: result.error };
  }

  /** This instance as a claimant now: who, when, and how long another instance's claim stands. */
  private claimant(): { instanceId: string; claimedAt: string; claimTtlMs: number } {
    return { instanceId: this.options.instanceId, claimedAt: this.options.now().toISOString(), claimTtlMs: this.options.claimTtlMs };
  }
}
