import { eventHashBytes, leafBytesOf, toHex } from '@stackledger/merkle';
import { LogEvent } from './log-event';

/**
 * Adds each event's leaf to an export, so an auditor of the file can name the exact event whose
 * content was changed afterwards (the chain only holds batch roots, which say which batch, not
 * which event). A leaf the store recorded at append time is kept as it is.
 * Preconditions: keccak initialised (`initMerkle`).
 */
export function attachLeaves(events: readonly LogEvent[]): LogEvent[] {
  return events.map((event) => (event.leaf !== undefined ? event : { ...event, leaf: toHex(leafBytesOf(eventHashBytes(event))) }));
}
