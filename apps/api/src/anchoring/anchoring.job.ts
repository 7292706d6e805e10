import { EventStore, WrongExpectedRevisionError } from '@stackledger/event-store';
import { MerkleTree } from '@stackledger/merkle';
import { AnchoredBatch } from '@stackledger/projections';
import { AnchorChain, AnchorRangeTakenError, MAX_BATCH_SPAN } from './anchor-chain.port';
import { AnchorLog } from './anchor-log';
import { ANCHOR_STREAM, AnchorClaimedData, AnchorStreamState } from './anchor-stream';
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
 * One anchoring run, a process manager over the `anchor` stream:
 * 1. reconcile the record with the chain (ChainReconciler);
 * 2. anchor again, one by one, any batch a reorganisation removed, then claim and anchor
 *    everything not yet anchored in one transaction, and record `BatchAnchored`;
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
  readState(): Promise<AnchorStreamState> {
    return this.log.read();
  }

  async run(): Promise<AnchorRunResult> {
    let state = await this.reconcile();
    let anchored: { batch: AnchoredBatch; tree: MerkleTree } | undefined;
    let reanchored = 0;
    for (let next = await this.nextRange(state); next; next = next.root ? await this.nextRange(state) : undefined) {
      if (state.openClaim && !this.mayTakeOver(state.openClaim)) return { outcome: 'busy' };
      const step = await this.anchorRange(state, next);
      if (step === 'busy') return { outcome: 'busy' };
      ({ state, ...anchored } = step);
      if (next.root) reanchored++;
    }
    const pushed = await this.pushRevocations(state, anchored !== undefined);
    return anchored ? { outcome: 'anchored', ...anchored, reanchored, ...pushed } : { outcome: 'nothing-pending', ...pushed };
  }

  /** Brings the record in line with the chain (see ChainReconciler); throws ChainMismatchError when it cannot. */
  async reconcile(): Promise<AnchorStreamState> {
    const state = await this.reconciler.reconcile();
    this.revocationMark = state.revocationsThroughSeq;
    return state;
  }

  /** The next orphaned batch, else `fromSeq..head` (capped), or undefined when nothing but anchoring records is waiting. */
  private async nextRange(state: AnchorStreamState): Promise<PendingRange | undefined> {
    const orphan = state.orphaned[0];
    if (orphan) return { fromSeq: orphan.fromSeq, toSeq: orphan.toSeq, root: orphan.root };
    const fromSeq = (state.batches.at(-1)?.toSeq ?? 0) + 1;
    const head = await this.store.headSeq();
    if (head < fromSeq) return undefined;
    // Counted from the `anchor` stream alone, so a million pending events are never read here.
    const anchorRecords = (await this.store.readStream(ANCHOR_STREAM)).filter((e) => e.seq >= fromSeq && e.seq <= head).length;
    // Anchoring records alone would make every run anchor the previous run's record, forever.
    if (head - fromSeq + 1 <= anchorRecords) return undefined;
    return { fromSeq, toSeq: Math.min(head, fromSeq + (this.options.maxBatchSpan ?? MAX_BATCH_SPAN) - 1) };
  }

  /** Claims the range, anchors it and records it; 'busy' when another writer came first. */
  private async anchorRange(state: AnchorStreamState, range: PendingRange): Promise<{ state: AnchorStreamState; batch: AnchoredBatch; tree: MerkleTree } | 'busy'> {
    // The tree comes from the store's stored leaves when it keeps them: no event is re-read or re-hashed.
    const tree = await batchTreeOf(this.store, range.fromSeq, range.toSeq);
    if (range.root && range.root.toLowerCase() !== tree.root) {
      throw new ChainMismatchError(`orphaned batch ${state.batches.length} (seq ${range.fromSeq}-${range.toSeq}) was recorded with root ${range.root}, but the log now gives ${tree.root}`);
    }
    const claim = this.claimFor(state, range, tree.root);
    let revision: number;
    try {
      revision = await this.log.append([{ type: 'AnchorClaimed', data: claim }], state.revision);
      const receipt = await this.chain.anchor(tree.root, claim.fromSeq, claim.toSeq);
      const { chainId, contract } = this.chain.location();
      const batch: AnchoredBatch = { index: claim.index, root: tree.root, fromSeq: claim.fromSeq, toSeq: claim.toSeq, chainId, contract, ...receipt };
      await this.log.append([{ type: 'BatchAnchored', data: batch }], revision);
      return { state: await this.log.read(), batch, tree };
    } catch (error) {
      if (error instanceof AnchorRangeTakenError) await this.reconcile();
      if (error instanceof AnchorRangeTakenError || error instanceof WrongExpectedRevisionError) return 'busy';
      throw error;
    }
  }

  /**
   * Pushes what is pending. When this run anchored, a failed push does not fail the run: the
   * batch stands, and the next run resumes the push.
   */
  private async pushRevocations(state: AnchorStreamState, anchored: boolean): Promise<Revocations> {
    const result: RevocationPushResult = await this.pusher.push(state);
    this.revocationMark = result.throughSeq;
    const pushed: Revocations = { revoked: result.keys, revocationTransactions: result.transactions };
    // Another instance recorded first: it is pushing the same revocations.
    if (!result.error || result.error instanceof WrongExpectedRevisionError) return pushed;
    if (!anchored) throw result.error;
    return { ...pushed, revocationError: result.error };
  }

  private mayTakeOver(claim: AnchorClaimedData): boolean {
    if (claim.instanceId === this.options.instanceId) return true;
    return this.options.now().getTime() - Date.parse(claim.claimedAt) > this.options.claimTtlMs;
  }

  private claimFor(state: AnchorStreamState, range: PendingRange, root: string): AnchorClaimedData {
    const { chainId, contract } = this.chain.location();
    return {
      index: state.batches.length,
      fromSeq: range.fromSeq,
      toSeq: range.toSeq,
      root,
      chainId,
      contract,
      instanceId: this.options.instanceId,
      claimedAt: this.options.now().toISOString(),
    };
  }
}
