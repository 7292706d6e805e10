/**
 * `@stackledger/merkle`: the ledger's normative hashing, as libs/verifier/VERIFYING.md ("Hashing")
 * writes it down for outside verifiers; pure (no Nest, no ethers, no I/O). Call
 * `await initMerkle()` once before any hashing function; everything else is synchronous.
 */
export { canonicalJson } from './canonical-json';
export { initKeccak, initKeccak as initMerkle, isKeccakReady, keccak256, keccak256Utf8 } from './keccak';
export { leavesOfTexts } from './keccak-batch';
export { fromHex, toHex, toBytes32, type Bytes32Like } from './hex';
export { compareNodes, hashSortedPair } from './merkle-hasher';
export {
  canonicalEventJson,
  canonicalEventJsonWithData,
  credentialKey,
  eventHash,
  eventHashBytes,
  eventLeaf,
  leafBytesOf,
  leafOf,
  type EventEnvelope,
} from './event-hash';
export { MerkleTree } from './merkle-tree';
export { checkInclusion, processProof, verifyProof, type InclusionError, type InclusionResult } from './merkle-verify';
