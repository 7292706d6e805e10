import { EventStore, WrongExpectedRevisionError } from '@stackledger/event-store';
import { AnchoredBatch } from '@stackledger/projections';
import { AnchorChain, OnChainBatch } from './anchor-chain.port';
import { AnchorLog, AnchorRecord } from './anchor-log';
import { AnchorStreamState, BatchOrphanedData, RevocationsOrphanedData } from './anchor-stream';
import { batchTreeOf } from './batch-tree';

/**
 * The chain holds what the ledger cannot explain (a batch whose root the log does not give, or a
 * history that is not the recorded one): anchoring stops until an operator looks, rather than
 * copying, or building on, what it cannot verify.
 */
export class ChainMismatchError extends Error {
  constructor(message: string) {
    super(`${message}; anchoring stops until an operator investigates (wrong chain or contract, or the anchorer key used outside the ledger)`);
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

  async reconcile(): Promise<AnchorStreamState> {
    let state = await this.log.read();
    const onChain = await this.chain.batchCount();
    const recorded = state.batches.length;
    const shared = Math.min(onChain, recorded);
    if (shared > 0) this.checkSame(state.batches[shared - 1], await this.chain.batch(shared - 1));
    if (onChain < recorded) state = await this.orphanBatches(state, onChain);
    while (state.batches.length < onChain) state = await this.copy(state, state.batches.length);
    return this.checkRevocationPushes(state);
  }

  private checkSame(record: AnchoredBatch, onChain: OnChainBatch): void {
    if (onChain.root.toLowerCase() === record.root.toLowerCase() && onChain.fromSeq === record.fromSeq && onChain.toSeq === record.toSeq) return;
    throw new ChainMismatchError(
      `batch ${record.index} on ${record.contract} is seq ${onChain.fromSeq}-${onChain.toSeq} with root ${onChain.root} on chain, but the ledger recorded seq ${record.fromSeq}-${record.toSeq} with root ${record.root}`,
    );
  }

  private async orphanBatches(state: AnchorStreamState, onChain: number): Promise<AnchorStreamState> {
    const records: AnchorRecord[] = state.batches.slice(onChain).map((batch) => ({ type: 'BatchOrphaned', data: { ...batch, chainBatchCount: onChain } satisfies BatchOrphanedData }));
    return this.appendAndRead(records, state);
  }

  /** Copies batch `index` from the chain, only if the log gives the same root for its range. */
  private async copy(state: AnchorStreamState, index: number): Promise<AnchorStreamState> {
    const batch = await this.chain.batch(index);
    const expectedFromSeq = (state.batches.at(-1)?.toSeq ?? 0) + 1;
    const head = await this.store.headSeq();
    if (batch.fromSeq !== expectedFromSeq || batch.toSeq > head) {
      throw new ChainMismatchError(`batch ${index} on chain covers seq ${batch.fromSeq}-${batch.toSeq}, which the log (1-${head}, anchored through ${expectedFromSeq - 1}) cannot hold`);
    }
    const root = (await batchTreeOf(this.store, batch.fromSeq, batch.toSeq)).root;
    if (root.toLowerCase() !== batch.root.toLowerCase()) {
      throw new ChainMismatchError(`batch ${index} on chain (seq ${batch.fromSeq}-${batch.toSeq}) has root ${batch.root}, but the log gives ${root}: refusing to copy it`);
    }
    const { chainId, contract } = this.chain.location();
    const receipt = await this.chain.anchorReceipt(index);
    const record: AnchoredBatch = { index, root: batch.root, fromSeq: batch.fromSeq, toSeq: batch.toSeq, chainId, contract, ...receipt };
    return this.appendAndRead([{ type: 'BatchAnchored', data: record }], state);
  }

  /**
   * The anchorer's transactions are mined in nonce order, so when the last recorded `revoke` is
   * still on chain, so are the earlier ones: one receipt per run, and a walk back only after a loss.
   */
  private async checkRevocationPushes(state: AnchorStreamState): Promise<AnchorStreamState> {
    const { pushes } = state;
    if (pushes.length === 0) return state;
    const latest = await this.chain.ping();
    const inHorizon = (i: number) => i >= 0 && pushes[i].blockNumber! > latest - REORG_HORIZON_BLOCKS;
    let lost = pushes.length;
    while (inHorizon(lost - 1) && !(await this.chain.receiptOf(pushes[lost - 1].txHash!))) lost--;
    if (lost === pushes.length) return state;
    const { chainId, contract } = this.chain.location();
    const data: RevocationsOrphanedData = { fromSeq: pushes[lost].fromSeq, chainId, contract, txHash: pushes[lost].txHash! };
    return this.appendAndRead([{ type: 'RevocationsOrphaned', data }], state);
  }

  /** Appends; when another instance appended first, its records stand and the stream is read again. */
  private async appendAndRead(records: AnchorRecord[], state: AnchorStreamState): Promise<AnchorStreamState> {
    try {
      await this.log.append(records, state.revision);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
    return this.log.read();
  }
}
