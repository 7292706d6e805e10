import { readyKeccak } from './keccak';
import { WINDOW } from './keccak-wasm';

/** A chunk fills the whole WASM input window (1 MiB): few calls, and it stays in L2 cache. */
const CHUNK_LOG2 = Math.log2(WINDOW / 32);
const CHUNK = 1 << CHUNK_LOG2;

/**
 * The levels of the batch tree over `leaves` (32 bytes each, end to end): `[leaves, ...,
 * root]`, each level one buffer. The hashing runs in WASM a subtree at a time: a chunk of
 * 2^CHUNK_LOG2 nodes is copied in once, reduced level by level in place (one call per level, the
 * sorted-pair rule applied inside WASM), and every level of it copied out. Chunks start at
 * multiples of a power of two, so no pair straddles two chunks, and the only unpaired node of a
 * level is the last chunk's last one, exactly as in the whole tree.
 *
 * Preconditions: `leaves` is a non-empty multiple of 32 bytes; keccak initialised. `leaves` itself
 * becomes `levels[0]` (not copied).
 */
export function treeLevels(leaves: Uint8Array): Uint8Array[] {
  const levels = [leaves];
  for (let n = leaves.length / 32; n > 1;) {
    n = Math.ceil(n / 2);
    levels.push(new Uint8Array(n * 32));
  }
  for (let from = 0; from < levels.length - 1; from += CHUNK_LOG2) {
    reduce(levels, from, Math.min(CHUNK_LOG2, levels.length - 1 - from));
  }
  return levels;
}

/** Fills `levels[from + 1 .. from + height]` from `levels[from]`, chunk by chunk. */
function reduce(levels: Uint8Array[], from: number, height: number): void {
  const { bytes, input, wasm } = readyKeccak();
  const source = levels[from];
  const count = source.length / 32;
  for (let start = 0; start < count; start += CHUNK) {
    let n = Math.min(CHUNK, count - start);
    bytes.set(source.subarray(start * 32, (start + n) * 32), input);
    for (let l = 1; l <= height; l++) {
      wasm.levelUp(input, n, input);
      n = Math.ceil(n / 2);
      levels[from + l].set(bytes.subarray(input, input + n * 32), (start >>> l) * 32);
    }
  }
}
