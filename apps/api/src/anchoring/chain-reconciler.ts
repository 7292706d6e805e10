import {
  AnchorCommand,
  AnchoredBatch,
  anchoredThroughSeq,
  batchAt,
  batchCount,
  pushesNewestFirst,
  RevocationPush,
} from '@stackledger/domain';
import { EventStore } from '@stackledger/event-store';
import { AnchorChain, OnChainBatch } from './anchor-chain.port';
import { AnchorLog, AnchorRecord, isAnchorConflict } from './anchor-log';
import { batchTreeOf } from './batch-tree';

/**
 * The chain holds what the ledger cannot explain (a batch whose root the log does not give, or a
 * history that is not the recorded one): anchoring stops until an operator looks, rather than
 * copying, or building on, what it cannot verify.
 */
export class ChainMismatchError extends Error {
  constructor(message: string) {
    super(
      `${message}; anchoring stops until an operator investigates (wrong chain or contract, or the anchorer key used outside the ledger)`,
    );
    this.name = 'ChainMismatchError';
  }
}

/** Deeper reorganisations than this many blocks are not looked for when checking recorded `revoke` transactions (an RPC may have forgotten older ones). */
const REORG_HORIZON_BLOCKS = 10_000;

/**
 * Brings the `anchor` stream in line with the chain before a run:
 * - the chain ahead (a crash between a transaction and its record): copies the missing batches,
 *   each only if its root is the one recomputed from the log for its range;
 * - the chain behind, its remaining batches agreeing with the record (a reorganisation removed
 *   anchoring transactions): records the lost batches as orphaned, for the job to anchor again;
 * - a recorded `revoke` the chain no longer holds: records its revocations as orphaned, to push again.
 * Anything else is a ChainMismatchError.
 */
export class ChainReconciler {
  constructor(
    private readonly store: EventStore,
    private readonly chain: AnchorChain,
    private readonly log: AnchorLog,
  ) {}

  async reconcile(): Promise<AnchorRecord> {
    let record = await this.log.read();
    const onChain = await this.chain.batchCount();
    const recorded = batchCount(record.state);
    const shared = Math.min(onChain, recorded);
    if (shared > 0) this.checkSame(batchAt(record.state, shared - 1)!, await this.chain.batch(shared - 1));
    if (onChain < recorded) record = await this.settle(record, { type: 'RecordBatchesOrphaned', data: { chainBatchCount: onChain } });
    while (batchCount(record.state) < onChain) record = await this.copy(record, batchCount(record.state));
    return this.checkRevocationPushes(record);
  }

  private checkSame(record: AnchoredBatch, onChain: OnChainBatch): void {
    if (onChain.root.toLowerCase() === record.root.toLowerCase() && onChain.fromSeq === record.fromSeq && onChain.toSeq === record.toSeq)
      return;
    throw new ChainMismatchError(
      `batch ${record.index} on ${record.contract} is seq ${onChain.fromSeq}-${onChain.toSeq} with root ${onChain.root} on chain, but the ledger recorded seq ${record.fromSeq}-${record.toSeq} with root ${record.root}`,
    );
  }

  /** Copies batch `index` from the chain, only if the log gives the same root for its range. */
  private async copy(record: AnchorRecord, index: number): Promise<AnchorRecord> {
    const batch = await this.chain.batch(index);
    const expectedFromSeq = anchoredThroughSeq(record.state) + 1;
    const head = await this.store.headSeq();
    if (batch.fromSeq !== expectedFromSeq || batch.toSeq > head) {
      throw new ChainMismatchError(
        `batch ${index} on chain covers seq ${batch.fromSeq}-${batch.toSeq}, which the log (1-${head}, anchored through ${expectedFromSeq - 1}) cannot hold`,
      );
    }
    const root = (await batchTreeOf(this.store, batch.fromSeq, batch.toSeq)).root;
    if (root.toLowerCase() !== batch.root.toLowerCase()) {
      throw new ChainMismatchError(
        `batch ${index} on chain (seq ${batch.fromSeq}-${batch.toSeq}) has root ${batch.root}, but the log gives ${root}: refusing to copy it`,
      );
    }
    const { txHash, blockNumber } = await this.chain.anchorReceipt(index);
    return this.settle(record, {
      type: 'RecordBatch',
      data: { index, root: batch.root, fromSeq: batch.fromSeq, toSeq: batch.toSeq, txHash, blockNumber },
    });
  }

  /**
   * The anchorer's transactions are mined in nonce order, so when the last recorded `revoke` is
   * still on chain, so are the earlier ones: one receipt per run, and a walk back only after a loss.
   */
  private async checkRevocationPushes(record: AnchorRecord): Promise<AnchorRecord> {
    if (!record.state.pushes) return record;
    const latest = await this.chain.ping();
    let lost: RevocationPush | undefined;
    for (const push of pushesNewestFirst(record.state)) {
      if (push.blockNumber! <= latest - REORG_HORIZON_BLOCKS || (await this.chain.receiptOf(push.txHash!))) break;
      lost = push;
    }
    return lost ? this.settle(record, { type: 'RecordRevocationsOrphaned', data: { txHash: lost.txHash! } }) : record;
  }

  /** Records; when another instance recorded first, its records stand and the stream is read again. */
  private async settle(record: AnchorRecord, command: AnchorCommand): Promise<AnchorRecord> {
    try {
      return await this.log.decide(record, command);
    } catch (error) {
      if (!isAnchorConflict(error)) throw error;
      return this.log.read();
    }
  }
}
