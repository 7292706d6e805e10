import { capability, EventStore, LeafReader } from '@stackledger/event-store';
import { eventLeaf, toHex } from '@stackledger/merkle';
import { LogEvent } from './log-event';

/**
 * Adds each event's leaf to an export, so an auditor can name the exact event whose content was
 * changed afterwards (the chain only holds batch roots, which say which batch, not which event).
 * The leaf the store recorded at append time is used when the store keeps one; otherwise it is
 * computed now. Preconditions: `page` is contiguous in seq; keccak initialised (`initMerkle`).
 */
export async function withLeaves(store: EventStore, page: readonly LogEvent[]): Promise<LogEvent[]> {
  if (page.length === 0) return [];
  const stored = capability(store, LeafReader);
  if (!stored) return page.map((event) => ({ ...event, leaf: eventLeaf(event) }));
  const leaves = await stored.readLeaves(page[0].seq, page[page.length - 1].seq);
  return page.map((event, i) => ({ ...event, leaf: toHex(leaves.subarray(i * 32, i * 32 + 32)) }));
}
