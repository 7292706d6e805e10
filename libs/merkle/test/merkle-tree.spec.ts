import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { processProof as ozProcessProof } from '@openzeppelin/merkle-tree/dist/core';
import fc from 'fast-check';
import { keccak256 as ethersKeccak } from 'ethers';
import { MerkleTree as MerkleTreeJs } from 'merkletreejs';
import { hashSortedPair, initMerkle, keccak256, MerkleTree, processProof, toHex, verifyProof } from '@stackledger/merkle';
import { referenceProof, referenceRoot } from '../src/reference-tree';

/** Deterministic pseudo-random leaves (a keccak chain), so a failure is reproducible by size. */
function leavesOf(count: number, seed = 0): string[] {
  return Array.from({ length: count }, (_, i) => toHex(keccak256(Buffer.from(`leaf:${seed}:${i}`))));
}

/** merkletreejs, driven by ethers' keccak: independent of our hasher AND of our tree code. */
function merkletreejs(leaves: string[]): MerkleTreeJs {
  const hash = (data: Buffer) => Buffer.from(ethersKeccak(data).slice(2), 'hex');
  return new MerkleTreeJs(
    leaves.map((l) => Buffer.from(l.slice(2), 'hex')),
    hash,
    { sortPairs: true },
  );
}

/** Sizes 1..64 exhaustively, 40 more drawn from 65..300 with a fixed LCG. */
const SIZES = ((): number[] => {
  const sizes = Array.from({ length: 64 }, (_, i) => i + 1);
  for (let x = 12345, k = 0; k < 40; k++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    sizes.push(65 + (x % 236));
  }
  return sizes;
})();

beforeAll(() => initMerkle());

describe('MerkleTree against merkletreejs (sortPairs, odd node promoted)', () => {
  it.each(SIZES)('equals merkletreejs for %i leaves: root and every proof', (n) => {
    const leaves = leavesOf(n, n);
    const ours = MerkleTree.fromLeaves(leaves);
    const theirs = merkletreejs(leaves);
    expect(ours.root).toBe(theirs.getHexRoot());
    for (let i = 0; i < n; i++) expect(ours.proof(i)).toEqual(theirs.getHexProof(Buffer.from(leaves[i].slice(2), 'hex'), i));
  });

  it.each([1000, 1025, 4097])('equals merkletreejs for %i leaves (root, sampled proofs)', (n) => {
    const leaves = leavesOf(n);
    const ours = MerkleTree.fromLeaves(leaves);
    const theirs = merkletreejs(leaves);
    expect(ours.root).toBe(theirs.getHexRoot());
    for (const i of [0, 1, n >> 1, n - 2, n - 1]) {
      expect(ours.proof(i)).toEqual(theirs.getHexProof(Buffer.from(leaves[i].slice(2), 'hex'), i));
    }
  });
});

describe('MerkleTree against the naive reference and OpenZeppelin', () => {
  it.each([1, 2, 3, 5, 8, 13, 33, 100])('matches the reference tree for %i leaves', (n) => {
    const leaves = leavesOf(n, 7);
    const tree = MerkleTree.fromLeaves(leaves);
    expect(tree.root).toBe(referenceRoot(leaves));
    leaves.forEach((_, i) => expect(tree.proof(i)).toEqual(referenceProof(leaves, i)));
  });

  it.each([1, 2, 3, 7, 64, 257])('produces proofs OpenZeppelin processProof folds to our root (%i leaves)', (n) => {
    const leaves = leavesOf(n, 3);
    const tree = MerkleTree.fromLeaves(leaves);
    leaves.forEach((leaf, i) => {
      expect(ozProcessProof(leaf, tree.proof(i))).toBe(tree.root);
      expect(SimpleMerkleTree.verify(tree.root, leaf, tree.proof(i))).toBe(true);
      expect(processProof(leaf, tree.proof(i))).toBe(tree.root);
      expect(verifyProof(tree.root, tree.proof(i), leaf)).toBe(true);
    });
  });

  it('gives a one-leaf tree the leaf as root and an empty path', () => {
    const [leaf] = leavesOf(1);
    const tree = MerkleTree.fromLeaves([leaf]);
    expect(tree.root).toBe(leaf);
    expect(tree.proof(0)).toEqual([]);
    expect(tree.depth).toBe(1);
  });

  it('moves an unpaired last node up unchanged', () => {
    const leaves = leavesOf(3);
    const tree = MerkleTree.fromLeaves(leaves);
    expect(tree.proof(2)).toEqual([
      toHex(
        keccak256(
          Buffer.concat(
            leaves
              .slice(0, 2)
              .sort()
              .map((l) => Buffer.from(l.slice(2), 'hex')),
          ),
        ),
      ),
    ]);
  });

  it('handles duplicate leaves and accepts bytes or upper-case hex', () => {
    const [a] = leavesOf(1);
    const tree = MerkleTree.fromLeaves([a, a.toUpperCase().replace('0X', '0x'), Buffer.from(a.slice(2), 'hex')]);
    expect(tree.root).toBe(merkletreejs([a, a, a]).getHexRoot());
    expect(tree.leaf(1)).toBe(a);
  });

  it('refuses empty trees, malformed leaves and out-of-range indices', () => {
    expect(() => MerkleTree.fromLeaves([])).toThrow(RangeError);
    expect(() => MerkleTree.fromLeaves(['0x1234'])).toThrow(/32 bytes/);
    expect(() => MerkleTree.fromLeaves([new Uint8Array(31)])).toThrow(/32 bytes/);
    const tree = MerkleTree.fromLeaves(leavesOf(4));
    for (const bad of [-1, 4, 1.5, NaN]) expect(() => tree.proof(bad)).toThrow(RangeError);
  });

  it('does not alias caller buffers', () => {
    const leaf = new Uint8Array(32).fill(7);
    const tree = MerkleTree.fromLeaves([leaf, new Uint8Array(32)]);
    const root = tree.root;
    leaf.fill(0);
    expect(tree.root).toBe(root);
  });

  it('builds 100k leaves quickly (timing printed, not asserted)', () => {
    const leaves = Array.from({ length: 100_000 }, (_, i) => {
      const b = new Uint8Array(32);
      new DataView(b.buffer).setUint32(28, i);
      return keccak256(b);
    });
    const started = process.hrtime.bigint();
    const tree = MerkleTree.fromLeaves(leaves);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // eslint-disable-next-line no-console -- the figure is this test's output (printed, not asserted)
    console.log(`MerkleTree.fromLeaves(100000) took ${ms.toFixed(1)} ms, depth ${tree.depth}`);
    expect(verifyProof(tree.root, tree.proof(77_777), leaves[77_777])).toBe(true);
  });
});

describe('MerkleTree built in WASM chunks of 32768 nodes', () => {
  /** Flat leaves and their hex, fast enough for ~100k leaves. */
  function flatLeaves(count: number, seed: number): { flat: Uint8Array; hex: string[] } {
    const flat = new Uint8Array(count * 32);
    const hex: string[] = [];
    for (let i = 0; i < count; i++) {
      const leaf = keccak256(Buffer.from(`chunk:${seed}:${i}`));
      flat.set(leaf, i * 32);
      hex.push(toHex(leaf));
    }
    return { flat, hex };
  }

  /** The plainest tree: hashSortedPair per pair, levels of arrays (as the benchmark baseline). */
  function plainLevels(flat: Uint8Array): Uint8Array[][] {
    const levels: Uint8Array[][] = [Array.from({ length: flat.length / 32 }, (_, i) => flat.slice(i * 32, i * 32 + 32))];
    for (let level = levels[0]; level.length > 1;) {
      const next: Uint8Array[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(hashSortedPair(level[i], level[i + 1]));
      if (level.length % 2 === 1) next.push(level[level.length - 1]);
      levels.push((level = next));
    }
    return levels;
  }

  // Either side of one chunk and of two; 98305 also needs a second pass, above the first 15 levels.
  it.each([32_767, 32_768, 32_769, 65_535, 65_537, 98_305])('equals the reference and the plain tree for %i leaves', (n) => {
    const { flat, hex } = flatLeaves(n, n);
    const tree = MerkleTree.fromFlatLeaves(flat.slice());
    expect(tree.root).toBe(referenceRoot(hex));
    const plain = plainLevels(flat);
    expect(tree.depth).toBe(plain.length);
    for (const i of [0, 1, 32_766, 32_767, 32_768, n >> 1, n - 2, n - 1].filter((i) => i < n)) {
      const path = [];
      for (let l = 0, j = i; l < plain.length - 1; l++, j >>>= 1) if ((j ^ 1) < plain[l].length) path.push(toHex(plain[l][j ^ 1]));
      expect(tree.proof(i)).toEqual(path);
    }
    expect(tree.proof(n - 1)).toEqual(referenceProof(hex, n - 1));
  });

  it('equals merkletreejs for 40001 leaves (root and sampled proofs)', () => {
    const { hex } = flatLeaves(40_001, 1);
    const tree = MerkleTree.fromLeaves(hex);
    const theirs = merkletreejs(hex);
    expect(tree.root).toBe(theirs.getHexRoot());
    for (const i of [0, 32_767, 32_768, 40_000]) expect(tree.proof(i)).toEqual(theirs.getHexProof(Buffer.from(hex[i].slice(2), 'hex'), i));
  });

  it('equals the reference tree for random sizes and leaves, duplicates included', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 300 }), fc.nat(), (leaves, dup) => {
        if (leaves.length > 2) leaves[dup % leaves.length] = leaves[(dup + 1) % leaves.length];
        const hex = leaves.map(toHex);
        const tree = MerkleTree.fromLeaves(leaves);
        expect(tree.root).toBe(referenceRoot(hex));
        const i = dup % leaves.length;
        expect(tree.proof(i)).toEqual(referenceProof(hex, i));
      }),
      { numRuns: 200 },
    );
  });
});
