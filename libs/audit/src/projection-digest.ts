import { keccak256, keccak256Utf8, toHex } from '@stackledger/merkle';
import { ALL_PROJECTIONS, InMemoryDocuments } from '@stackledger/projections';

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One keccak digest of every read model, the same for the same log: per collection (in projection
 * order), the documents sorted by key, each hashed as `key NUL JSON(document)`, and the hashes
 * hashed together. Hashing document by document keeps memory flat: a single JSON text of a
 * million-credential ledger would exceed what a JavaScript string can hold.
 * Preconditions: keccak initialised (`initMerkle`).
 */
export function projectionDigest(documents: InMemoryDocuments): string {
  const collections = [...new Set(ALL_PROJECTIONS.map((p) => p.collection))];
  const collectionHashes = new Uint8Array(collections.length * 32);
  collections.forEach((collection, c) => {
    const entries = documents.entries(collection).sort(byKey);
    const hashes = new Uint8Array(entries.length * 32);
    entries.forEach(([key, doc], i) => hashes.set(keccak256Utf8(`${key}\u0000${JSON.stringify(doc)}`), i * 32));
    collectionHashes.set(keccak256(hashes), c * 32);
  });
  return toHex(keccak256(collectionHashes));
}
