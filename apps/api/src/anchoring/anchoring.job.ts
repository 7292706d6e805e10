import { capability, EventStore, StoredEvent, timeOrderedEventId, TypedReader, WrongExpectedRevisionError } from '@stackledger/event-store';
import { MerkleTree } from '@stackledger/merkle';
import { AnchoredBatch } from '@stackledger/projections';
import { AnchorChain, AnchorRangeTakenError } from './anchor-chain.port';
import { ANCHOR_STREAM, AnchorClaimedData, anchorStreamState, AnchorStreamState } from './anchor-stream';
import { batchTreeOf } from './batch-tree';
import { revocationKeys } from './revocation-keys';

export interface AnchoringJobOptions {
  instanceId: string;
  /** A claim by another instance older than this is taken over (that instance died mid-anchor). */
  claimTtlMs: number;
  now(): Date;
}

interface PendingRange {
  fromSeq: number;
  toSeq: number;
}

const REVOCATION_PAGE = 5_000;

export type AnchorRunResult =
  | { outcome: 'anchored'; batch: AnchoredBatch; revoked: number; tree: MerkleTree }
  | { outcome: 'nothing-pending' }
  | { outcome: 'busy' };

/**
 * One anchoring run (SPEC section 6): reconcile the record with the chain, claim the next range
 * on the `anchor` stream, push pending revocations, anchor the root, record `BatchAnchored`.
 *
 * Crash safety: every step can be repeated. A crash after the transaction and before the record
 * leaves the chain ahead of the stream; the next run copies the missing batches from the chain
 * before it anchors anything, so there is never a second anchor of a range, nor a gap.
 */
export class AnchoringJob {
  constructor(
    private readonly store: EventStore,
    private readonly chain: AnchorChain,
    private readonly options: AnchoringJobOptions,
  ) {}

  async run(): Promise<AnchorRunResult> {
    let state = await this.reconcile();
    const fromSeq = (state.batches.at(-1)?.toSeq ?? 0) + 1;
    const pending = await this.pendingRange(fromSeq);
    if (!pending) return { outcome: 'nothing-pending' };
    if (state.openClaim && !this.mayTakeOver(state.openClaim)) return { outcome: 'busy' };

    // The tree comes from the store's stored leaves when it keeps them: no event is re-read or re-hashed.
    const tree = await batchTreeOf(this.store, pending.fromSeq, pending.toSeq);
    const claim = this.claimFor(state, pending, tree.root);
    try {
      state = { ...state, revision: await this.append('AnchorClaimed', claim, state.revision) };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return { outcome: 'busy' };
      throw error;
    }
    const revoked = await this.pushRevocations(pending);
    try {
      const receipt = await this.chain.anchor(tree.root, claim.fromSeq, claim.toSeq);
      const { chainId, contract } = this.chain.location();
      const batch: AnchoredBatch = { index: claim.index, root: tree.root, fromSeq: claim.fromSeq, toSeq: claim.toSeq, chainId, contract, ...receipt };
      await this.append('BatchAnchored', batch, state.revision);
      return { outcome: 'anchored', batch, revoked, tree };
    } catch (error) {
      if (error instanceof AnchorRangeTakenError || error instanceof WrongExpectedRevisionError) {
        await this.reconcile();
        return { outcome: 'busy' };
      }
      throw error;
    }
  }

  /** Copies batches the chain has and the stream lacks; refuses to go on if the stream is ahead. */
  async reconcile(): Promise<AnchorStreamState> {
    const location = this.chain.location();
    let state = anchorStreamState(await this.store.readStream(ANCHOR_STREAM), location);
    const onChain = await this.chain.batchCount();
    if (onChain < state.batches.length) {
      throw new Error(`the ledger records ${state.batches.length} batches for ${location.contract} but the chain holds ${onChain}: wrong chain or contract`);
    }
    for (let index = state.batches.length; index < onChain; index++) {
      const [batch, receipt] = await Promise.all([this.chain.batch(index), this.chain.anchorReceipt(index)]);
      const { chainId, contract } = location;
      const record: AnchoredBatch = { index, root: batch.root, fromSeq: batch.fromSeq, toSeq: batch.toSeq, chainId, contract, ...receipt };
      try {
        await this.append('BatchAnchored', record, state.revision);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
      state = anchorStreamState(await this.store.readStream(ANCHOR_STREAM), location);
    }
    return state;
  }

  /**
   * The range `fromSeq..head`, or undefined when nothing but anchoring records is waiting. Counted
   * from the `anchor` stream alone, so a million pending events are never read here.
   */
  private async pendingRange(fromSeq: number): Promise<PendingRange | undefined> {
    const head = await this.store.headSeq();
    if (head < fromSeq) return undefined;
    const anchorRecords = (await this.store.readStream(ANCHOR_STREAM)).filter((e) => e.seq >= fromSeq && e.seq <= head).length;
    // Anchoring records alone would make every run anchor the previous run's record, forever.
    return head - fromSeq + 1 > anchorRecords ? { fromSeq, toSeq: head } : undefined;
  }

  private mayTakeOver(claim: AnchorClaimedData): boolean {
    if (claim.instanceId === this.options.instanceId) return true;
    return this.options.now().getTime() - Date.parse(claim.claimedAt) > this.options.claimTtlMs;
  }

  private claimFor(state: AnchorStreamState, pending: PendingRange, root: string): AnchorClaimedData {
    const { chainId, contract } = this.chain.location();
    return {
      index: state.batches.length,
      fromSeq: pending.fromSeq,
      toSeq: pending.toSeq,
      root,
      chainId,
      contract,
      instanceId: this.options.instanceId,
      claimedAt: this.options.now().toISOString(),
    };
  }

  /** Revocations go on chain before the anchor that covers them; `revoke` is idempotent, so a retry is harmless. */
  private async pushRevocations(range: PendingRange): Promise<number> {
    const keys = await revocationKeys(this.store, await this.revocationsIn(range));
    const unpushed: string[] = [];
    for (const key of new Set(keys)) if ((await this.chain.revokedAt(key)) === 0) unpushed.push(key);
    if (unpushed.length > 0) await this.chain.revoke(unpushed);
    return unpushed.length;
  }

  /** The batch's revocations: by the store's type index when it has one, else by paging through the range. */
  private async revocationsIn({ fromSeq, toSeq }: PendingRange): Promise<StoredEvent[]> {
    const typed = capability(this.store, TypedReader);
    if (typed) return typed.readOfTypes(fromSeq, toSeq, ['CredentialRevoked']);
    const found: StoredEvent[] = [];
    for (let seq = fromSeq; seq <= toSeq; ) {
      const page = await this.store.readAll(seq, Math.min(REVOCATION_PAGE, toSeq - seq + 1));
      if (page.length === 0) break;
      found.push(...page.filter((e) => e.type === 'CredentialRevoked'));
      seq = page[page.length - 1].seq + 1;
    }
    return found;
  }

  private async append(type: string, data: object, expected: number | 'no-stream'): Promise<number> {
    const result = await this.store.append(
      ANCHOR_STREAM,
      [{ id: timeOrderedEventId(), type, data: data as Record<string, unknown>, metadata: { actor: `anchorer:${this.options.instanceId}` }, recordedAt: this.options.now().toISOString() }],
      expected,
    );
    return result.revision;
  }
}
