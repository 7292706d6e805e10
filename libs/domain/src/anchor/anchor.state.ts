import { itemAt, itemsFrom, newestFirst, sizeOf, Stack } from '../shared/stack';
import { AnchoredBatch, BatchClaim, RevocationPush } from './anchor.events';

/** The anchoring record of one contract. */
export interface AnchorState {
  /** The batches recorded, by index: the last on top, `size` the next index. */
  batches: Stack<AnchoredBatch>;
  /** A claim not yet followed by the `BatchAnchored` of its index. */
  openClaim?: BatchClaim;
  /** Orphaned batches not anchored again yet, by index. */
  orphaned: AnchoredBatch[];
  /** Every revocation up to this seq is on chain (0: none pushed yet). */
  revocationsThroughSeq: number;
  /** The live pushes that name a transaction, the newest on top. */
  pushes: Stack<RevocationPush>;
}

export const initialAnchorState = (): AnchorState => ({ batches: undefined, orphaned: [], revocationsThroughSeq: 0, pushes: undefined });

export const batchCount = (state: AnchorState): number => sizeOf(state.batches);

export const lastBatch = (state: AnchorState): AnchoredBatch | undefined => state.batches?.top;

/** The last seq anchored (0 before the first batch): the next batch starts right after it. */
export const anchoredThroughSeq = (state: AnchorState): number => lastBatch(state)?.toSeq ?? 0;

export const batchAt = (state: AnchorState, index: number): AnchoredBatch | undefined => itemAt(state.batches, index);

/** The batches recorded from `index` on, by index. */
export const batchesFrom = (state: AnchorState, index: number): AnchoredBatch[] => itemsFrom(state.batches, index);

/** The live pushes with a transaction, the newest first. */
export const pushesNewestFirst = (state: AnchorState): Iterable<RevocationPush> => newestFirst(state.pushes);

/** The claim that stops `claimant` from claiming now: another instance's, open for at most `claimTtlMs`. */
export function blockingClaim(
  state: AnchorState,
  claimant: { instanceId: string; claimedAt: string; claimTtlMs: number },
): BatchClaim | undefined {
  const claim = state.openClaim;
  if (!claim || claim.instanceId === claimant.instanceId) return undefined;
  return Date.parse(claimant.claimedAt) - Date.parse(claim.claimedAt) > claimant.claimTtlMs ? undefined : claim;
}
