// One tree build in its own process, so memory figures do not pollute each other:
//   node --expose-gc ... bench/merkle-child.ts <ours|merkletreejs|bare> <leafCount>
import { MerkleTree as MerkleTreeJs } from 'merkletreejs';
import { initMerkle, keccak256, MerkleTree } from '@stackledger/merkle';
import { bareRoot } from './support/bare-tree';

/** Deterministic leaves: keccak256 of the index (same in every child). */
function leaves(count: number): Uint8Array {
  const out = new Uint8Array(count * 32);
  const index = new Uint8Array(4);
  for (let i = 0; i < count; i++) {
    new DataView(index.buffer).setUint32(0, i);
    out.set(keccak256(index), i * 32);
  }
  return out;
}

async function main(): Promise<void> {
  const [kind, countText] = process.argv.slice(2);
  await initMerkle();
  const flat = leaves(Number(countText));
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const before = process.memoryUsage();
  const start = performance.now();
  let root: string;
  let keep: unknown;
  if (kind === 'ours') {
    const tree = MerkleTree.fromFlatLeaves(flat.slice());
    root = tree.root;
    keep = tree;
  } else if (kind === 'merkletreejs') {
    const buffers = Array.from({ length: flat.length / 32 }, (_, i) => Buffer.from(flat.buffer, i * 32, 32));
    const tree = new MerkleTreeJs(buffers, (data: Buffer) => Buffer.from(keccak256(data)), { sortPairs: true });
    root = tree.getHexRoot();
    keep = tree;
  } else {
    root = bareRoot(flat);
  }
  const ms = performance.now() - start;
  gc();
  const after = process.memoryUsage();
  const bytes = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
  process.stdout.write(`${JSON.stringify({ kind, ms, bytes, root, kept: keep !== undefined })}\n`);
}

if (require.main === module) void main();
