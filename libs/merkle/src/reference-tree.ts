import { fromHex, toHex } from './hex';
import { keccak256 } from './keccak';

/**
 * A deliberately naive, recursive-by-level reference of the batch tree, kept ONLY to
 * cross-check {@link MerkleTree} in tests (transparency-dev style). It shares no code with the fast
 * tree beyond keccak: nodes are lowercase hex strings, ordered by string comparison (for
 * equal-length lowercase hex that is byte order), and each pair is concatenated from hex.
 * Not for production: it allocates a string per node.
 */
function hashPairHex(a: string, b: string): string {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return toHex(keccak256(fromHex(lo + hi.slice(2))));
}

/** All levels, leaves first. Preconditions: at least one lowercase 0x-hex 32-byte leaf. */
export function referenceLevels(leaves: readonly string[]): string[][] {
  if (leaves.length === 0) throw new RangeError('no leaves');
  const levels = [leaves.map((l) => l.toLowerCase())];
  while (levels[levels.length - 1].length > 1) {
    const below = levels[levels.length - 1];
    const above: string[] = [];
    for (let i = 0; i < below.length; i += 2) {
      above.push(i + 1 < below.length ? hashPairHex(below[i], below[i + 1]) : below[i]);
    }
    levels.push(above);
  }
  return levels;
}

/** The root. Preconditions: as {@link referenceLevels}. */
export function referenceRoot(leaves: readonly string[]): string {
  const levels = referenceLevels(leaves);
  return levels[levels.length - 1][0];
}

/** The sibling path of leaf `index`. Preconditions: as {@link referenceLevels}; index in range. */
export function referenceProof(leaves: readonly string[], index: number): string[] {
  const path: string[] = [];
  for (const level of referenceLevels(leaves).slice(0, -1)) {
    const sibling = index % 2 === 0 ? index + 1 : index - 1;
    if (sibling < level.length) path.push(level[sibling]);
    index = Math.floor(index / 2);
  }
  return path;
}
