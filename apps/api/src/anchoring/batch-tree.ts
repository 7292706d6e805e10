import { StoredEvent } from '@stackledger/event-store';
import { eventHashBytes, leafBytesOf, MerkleTree } from '@stackledger/merkle';

/**
 * The tree of one batch: leaves `keccak256(eventHash)` in seq order (SPEC section 6).
 * Preconditions: events are contiguous in seq and non-empty; keccak initialised (`initMerkle`).
 */
export function batchTree(events: readonly StoredEvent[]): MerkleTree {
  return MerkleTree.fromLeaves(events.map((e) => leafBytesOf(eventHashBytes(e))));
}
