import { hashSortedPair, toHex } from '@stackledger/merkle';

/** The plainest array-of-levels tree: one Uint8Array per node, hashSortedPair per pair. */
export function bareRoot(flat: Uint8Array): string {
  let level: Uint8Array[] = Array.from({ length: flat.length / 32 }, (_, i) => flat.slice(i * 32, i * 32 + 32));
  const levels = [level];
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hashSortedPair(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    levels.push((level = next));
  }
  return toHex(level[0]);
}
