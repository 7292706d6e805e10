import type { AnchoredBatch } from '@stackledger/domain';
import { DocumentProjection } from './projection';

/** `BatchAnchored.data` as recorded in the `anchor` stream: the domain's type, one definition. */
export type { AnchoredBatch } from '@stackledger/domain';

export interface AnchorHead {
  /** Batches recorded for this (chain, contract). */
  count: number;
  toSeq: number;
}

/** Batches are kept per contract: a new contract (a fresh local chain, a migration) re-anchors from seq 1. */
export const contractKey = (chainId: number, contract: string): string => `${chainId}:${contract.toLowerCase()}`;
export const batchKey = (chainId: number, contract: string, index: number): string => `${contractKey(chainId, contract)}:${index}`;

/**
 * `BatchOrphaned` (same fields as the orphaned `BatchAnchored`): a chain reorganisation removed
 * the batch's transaction. Its events are not anchored until a new `BatchAnchored` for the same
 * index records the batch anchored again; proofs are then built on that one.
 */
const BATCH_EVENTS = new Set(['BatchAnchored', 'BatchOrphaned']);

export const anchorBatchProjection: DocumentProjection<AnchoredBatch> = {
  collection: 'anchor-batch',
  keysOf(event) {
    if (!BATCH_EVENTS.has(event.type)) return [];
    const b = event.data as unknown as AnchoredBatch;
    return [batchKey(b.chainId, b.contract, b.index)];
  },
  evolve(_doc, event) {
    return event.type === 'BatchOrphaned' ? null : (event.data as unknown as AnchoredBatch);
  },
};

export const anchorHeadProjection: DocumentProjection<AnchorHead> = {
  collection: 'anchor-head',
  keysOf(event) {
    if (!BATCH_EVENTS.has(event.type)) return [];
    const b = event.data as unknown as AnchoredBatch;
    return [contractKey(b.chainId, b.contract)];
  },
  evolve(head, event) {
    const b = event.data as unknown as AnchoredBatch;
    if (event.type === 'BatchOrphaned')
      return { count: Math.min(head?.count ?? 0, b.index), toSeq: Math.min(head?.toSeq ?? 0, b.fromSeq - 1) };
    return { count: Math.max(head?.count ?? 0, b.index + 1), toSeq: Math.max(head?.toSeq ?? 0, b.toSeq) };
  },
};
