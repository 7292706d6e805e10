import type { CryptoBackend, Ed25519KeyPair, JsonObject } from '@stackledger/data-integrity';

/** Filled in with the Open Badges rendition (next step); until then no second proof is sent. */
export function openBadgeProofOf(_backend: CryptoBackend, _credential: JsonObject, _keyPair: Ed25519KeyPair): JsonObject | undefined {
  return undefined;
}
