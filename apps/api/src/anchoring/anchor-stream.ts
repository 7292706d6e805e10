import { StoredEvent } from '@stackledger/event-store';
import { AnchoredBatch, contractKey } from '@stackledger/projections';
import { ChainLocation } from './anchor-chain.port';

export const ANCHOR_STREAM = 'anchor';

/**
 * Appended before the anchoring transaction is sent. Its append with the expected revision of
 * the `anchor` stream is the lock: of several instances, only one claims the next batch.
 */
export interface AnchorClaimedData {
  index: number;
  fromSeq: number;
  toSeq: number;
  root: string;
  chainId: number;
  contract: string;
  instanceId: string;
  claimedAt: string;
}

/**
 * `BatchOrphaned`: a recorded batch the chain no longer holds (a reorganisation removed its
 * transaction). The record is void from here on; the job anchors the same range and root again
 * under the same index, and its new `BatchAnchored` is the one read models and proofs show.
 */
export interface BatchOrphanedData extends AnchoredBatch {
  /** How many batches the chain held when the loss was seen. */
  chainBatchCount: number;
}

/**
 * `RevocationsPushed`: every revocation with `fromSeq <= seq <= toSeq` is on chain (`keys` of
 * them in transaction `txHash`, after its confirmations). The records tile the seq line from 1,
 * so the last `toSeq` is how far revocations have been pushed; a record without a transaction
 * moves that mark over a stretch without revocations.
 */
export interface RevocationsPushedData {
  fromSeq: number;
  toSeq: number;
  keys: number;
  chainId: number;
  contract: string;
  txHash?: string;
  blockNumber?: number;
}

/** `RevocationsOrphaned`: a reorganisation removed a `revoke` recorded as pushed; from `fromSeq` on, revocations are pushed again. */
export interface RevocationsOrphanedData {
  fromSeq: number;
  chainId: number;
  contract: string;
  txHash: string;
}

export interface AnchorStreamState {
  /** Revision of the stream's last event, or 'no-stream'. */
  revision: number | 'no-stream';
  /** Batches recorded for the current contract, by index. */
  batches: AnchoredBatch[];
  /** A claim on the current contract not yet followed by its BatchAnchored. */
  openClaim?: AnchorClaimedData;
  /** Orphaned batches not anchored again yet, by index. */
  orphaned: AnchoredBatch[];
  /** Every revocation up to this seq is on chain (0: none pushed yet). */
  revocationsThroughSeq: number;
  /** The live RevocationsPushed records that name a transaction, oldest first. */
  pushes: RevocationsPushedData[];
}

/** Folds the `anchor` stream for one contract; other contracts' records are history. */
export function anchorStreamState(events: StoredEvent[], location: ChainLocation): AnchorStreamState {
  const mine = contractKey(location.chainId, location.contract);
  const state: AnchorStreamState = { revision: events.length ? events[events.length - 1].revision : 'no-stream', batches: [], orphaned: [], revocationsThroughSeq: 0, pushes: [] };
  for (const event of events) {
    const data = event.data as { chainId: number; contract: string };
    if (contractKey(data.chainId, data.contract) !== mine) continue;
    evolve(state, event.type, event.data);
  }
  return state;
}

function evolve(state: AnchorStreamState, type: string, data: Record<string, unknown>): void {
  switch (type) {
    case 'AnchorClaimed':
      state.openClaim = data as unknown as AnchorClaimedData;
      return;
    case 'BatchAnchored': {
      const batch = data as unknown as AnchoredBatch;
      state.batches[batch.index] = batch;
      state.orphaned = state.orphaned.filter((o) => o.index > batch.index);
      if (state.openClaim && state.openClaim.index <= batch.index) state.openClaim = undefined;
      return;
    }
    case 'BatchOrphaned': {
      const { index, root, fromSeq, toSeq, chainId, contract, txHash, blockNumber } = data as unknown as BatchOrphanedData;
      const batch: AnchoredBatch = { index, root, fromSeq, toSeq, chainId, contract, txHash, blockNumber };
      state.batches.length = Math.min(state.batches.length, batch.index);
      state.orphaned = [...state.orphaned.filter((o) => o.index !== batch.index), batch].sort((a, b) => a.index - b.index);
      return;
    }
    case 'RevocationsPushed': {
      const pushed = data as unknown as RevocationsPushedData;
      state.revocationsThroughSeq = Math.max(state.revocationsThroughSeq, pushed.toSeq);
      if (pushed.txHash) state.pushes.push(pushed);
      return;
    }
    case 'RevocationsOrphaned': {
      const { fromSeq } = data as unknown as RevocationsOrphanedData;
      state.revocationsThroughSeq = Math.min(state.revocationsThroughSeq, fromSeq - 1);
      state.pushes = state.pushes.filter((p) => p.fromSeq < fromSeq);
      return;
    }
  }
}
