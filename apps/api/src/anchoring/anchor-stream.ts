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

export interface AnchorStreamState {
  /** Revision of the stream's last event, or 'no-stream'. */
  revision: number | 'no-stream';
  /** Batches recorded for the current contract, by index. */
  batches: AnchoredBatch[];
  /** A claim on the current contract not yet followed by its BatchAnchored. */
  openClaim?: AnchorClaimedData;
}

/** Folds the `anchor` stream for one contract; other contracts' records are history. */
export function anchorStreamState(events: StoredEvent[], location: ChainLocation): AnchorStreamState {
  const mine = contractKey(location.chainId, location.contract);
  const state: AnchorStreamState = { revision: events.length ? events[events.length - 1].revision : 'no-stream', batches: [] };
  for (const event of events) {
    const data = event.data as unknown as AnchoredBatch | AnchorClaimedData;
    if (contractKey(data.chainId, data.contract) !== mine) continue;
    if (event.type === 'AnchorClaimed') state.openClaim = data as AnchorClaimedData;
    if (event.type === 'BatchAnchored') {
      state.batches[(data as AnchoredBatch).index] = data as AnchoredBatch;
      if (state.openClaim && state.openClaim.index <= (data as AnchoredBatch).index) state.openClaim = undefined;
    }
  }
  return state;
}
