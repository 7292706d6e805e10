import { toHex, writeBytes32, type Bytes32Like } from './hex';
import { treeLevels } from './tree-levels';

/**
 * The batch tree (libs/verifier/VERIFYING.md, "Hashing"), kept as an array of levels:
 * `levels[0]` holds the leaves, the last level the root, each level ONE contiguous buffer of
 * 32-byte nodes. Flat buffers keep a million-leaf tree at ~64 MB with no per-node objects, and a
 * proof is read by index in O(log n) (merkletreejs scans every leaf when asked for a proof
 * without an index).
 *
 * Rules: leaves in the given (seq) order; neighbours paired left to right with
 * `keccak256(min(a,b) ‖ max(a,b))`; an unpaired last node moves up unchanged; a one-leaf tree's
 * root is the leaf itself.
 */
export class MerkleTree {
  private constructor(private readonly levels: readonly Uint8Array[]) {}

  /**
   * Builds the tree.
   *
   * Preconditions: at least one leaf (a batch is never empty); every leaf is 32 bytes or 0x-hex
   * of 32 bytes; keccak initialised. Throws otherwise.
   */
  static fromLeaves(leaves: readonly Bytes32Like[]): MerkleTree {
    if (leaves.length === 0) throw new RangeError('a Merkle tree needs at least one leaf');
    const first = new Uint8Array(leaves.length * 32);
    leaves.forEach((leaf, i) => writeBytes32(leaf, first, i * 32));
    return MerkleTree.fromFlatLeaves(first);
  }

  /**
   * Builds the tree over one buffer of leaves laid end to end (as a store returns its stored
   * leaves): the buffer becomes the leaf level as it is, with no per-leaf copy.
   *
   * Preconditions: `leaves` is a non-empty multiple of 32 bytes and is not changed afterwards;
   * keccak initialised. Throws `RangeError` otherwise.
   */
  static fromFlatLeaves(leaves: Uint8Array): MerkleTree {
    if (leaves.length === 0 || leaves.length % 32 !== 0) throw new RangeError('leaves must be a non-empty multiple of 32 bytes');
    return new MerkleTree(treeLevels(leaves));
  }

  /** Number of leaves. */
  get leafCount(): number {
    return this.levels[0].length / 32;
  }

  /** Number of levels, leaves and root included (1 for a one-leaf tree). */
  get depth(): number {
    return this.levels.length;
  }

  /** The root as 0x-hex. */
  get root(): string {
    return toHex(this.rootBytes());
  }

  /** The root as a fresh copy of its 32 bytes. */
  rootBytes(): Uint8Array {
    return this.levels[this.levels.length - 1].slice(0, 32);
  }

  /** The leaf at `index` as 0x-hex. Preconditions: 0 <= index < leafCount. */
  leaf(index: number): string {
    this.checkIndex(index);
    return toHex(this.levels[0].subarray(index * 32, index * 32 + 32));
  }

  /**
   * The inclusion path of leaf `index`: sibling hashes from the leaf level up, as 0x-hex. A level
   * where the node is the unpaired last one contributes no sibling, so paths can be shorter than
   * `depth - 1`.
   *
   * Preconditions: `index` is an integer with 0 <= index < leafCount (throws `RangeError`).
   */
  proof(index: number): string[] {
    this.checkIndex(index);
    const path: string[] = [];
    for (let l = 0, i = index; l < this.levels.length - 1; l++, i >>>= 1) {
      const level = this.levels[l];
      const sibling = i ^ 1;
      if (sibling * 32 < level.length) path.push(toHex(level.subarray(sibling * 32, sibling * 32 + 32)));
    }
    return path;
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.leafCount) {
      throw new RangeError(`leaf index ${index} out of range [0, ${this.leafCount})`);
    }
  }
}
