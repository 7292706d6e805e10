import { keccak256 } from './keccak';

/**
 * The inner-node rule of the batch tree: `node = keccak256(min(a, b) ‖ max(a, b))`, where min/max
 * compare the 32 bytes as unsigned big-endian numbers (OpenZeppelin `MerkleProof._hashPair`,
 * merkletreejs `sortPairs: true`). Sorting makes proofs position-free: a path is just siblings.
 */

/** Unsigned byte-wise comparison of two 32-byte nodes: negative, zero or positive. */
export function compareNodes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return 0;
}

const scratch = new Uint8Array(64);

/**
 * keccak256(min(a,b) ‖ max(a,b)).
 *
 * Preconditions: keccak is initialised; `a` and `b` are exactly 32 bytes each.
 */
export function hashSortedPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (compareNodes(a, b) <= 0) {
    scratch.set(a, 0);
    scratch.set(b, 32);
  } else {
    scratch.set(b, 0);
    scratch.set(a, 32);
  }
  return keccak256(scratch);
}
