import { toBytes32, toHex, type Bytes32Like } from './hex';
import { hashSortedPair } from './merkle-hasher';

/**
 * Inclusion-proof verification (step 2 of libs/verifier/VERIFYING.md). A verifier:
 *
 * - MUST decode `leaf`, `root` and every path element as exactly 32 bytes, and reject otherwise;
 * - MUST fold the path from the leaf upwards with `node = keccak256(min(node, sibling) ‖
 *   max(node, sibling))`, in path order, with no other input (no index, no length);
 * - MUST accept only if the folded value equals `root` byte for byte;
 * - MUST NOT treat an empty path as special: it proves a one-leaf batch, whose root is the leaf;
 * - MUST separately check that the event's `seq` lies in the batch range and that the chain holds
 *   that root for that batch (the path alone does not bind a position: sorted pairs are
 *   position-free, and the position is bound by the `seq` inside the hashed event instead).
 *
 * This is the rule of OpenZeppelin `MerkleProof.processProof`, so the contract's `verify` agrees.
 */

/** Why a proof was refused. */
export type InclusionError = 'MALFORMED_INPUT' | 'ROOT_MISMATCH';

/** The outcome of {@link checkInclusion}. */
export type InclusionResult =
  | { readonly valid: true; readonly computedRoot: string }
  | { readonly valid: false; readonly error: InclusionError; readonly message: string; readonly computedRoot?: string };

/**
 * Folds `path` onto `leaf` and returns the resulting root as 0x-hex.
 *
 * Preconditions: `leaf` and every path element are 32 bytes (or 0x-hex of 32 bytes); keccak
 * initialised. Throws `TypeError` on malformed input.
 */
export function processProof(leaf: Bytes32Like, path: readonly Bytes32Like[]): string {
  let node = toBytes32(leaf);
  for (const sibling of path) node = hashSortedPair(node, toBytes32(sibling));
  return toHex(node);
}

/**
 * Checks that `path` proves `leaf` under `root`, and says why not.
 *
 * Preconditions: keccak initialised. Never throws on malformed or hostile input: that is a
 * refusal (`MALFORMED_INPUT`), because a verifier must report a tampered bundle, not crash on it.
 */
export function checkInclusion(proof: {
  readonly leaf: Bytes32Like;
  readonly path: readonly Bytes32Like[];
  readonly root: Bytes32Like;
}): InclusionResult {
  let rootBytes: Uint8Array;
  let computedRoot: string;
  try {
    if (!Array.isArray(proof.path)) throw new TypeError('path must be an array');
    rootBytes = toBytes32(proof.root);
    computedRoot = processProof(proof.leaf, proof.path);
  } catch (e) {
    return { valid: false, error: 'MALFORMED_INPUT', message: (e as Error).message };
  }
  if (computedRoot !== toHex(rootBytes)) {
    return { valid: false, error: 'ROOT_MISMATCH', message: 'the path does not fold to the root', computedRoot };
  }
  return { valid: true, computedRoot };
}

/**
 * Whether `path` proves `leaf` under `root` (argument order of the contract's `verify`).
 * Malformed input gives `false`, never an exception. Preconditions: keccak initialised.
 */
export function verifyProof(root: Bytes32Like, path: readonly Bytes32Like[], leaf: Bytes32Like): boolean {
  return checkInclusion({ leaf, path, root }).valid;
}
