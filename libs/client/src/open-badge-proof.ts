import { createProof, keyPairSigner, type CryptoBackend, type Ed25519KeyPair, type JsonObject } from '@stackledger/data-integrity';
import { openBadgeRendition } from '@stackledger/verifier/open-badge';
import type { ProofBundle } from '@stackledger/verifier';

/**
 * The issuer's eddsa-jcs-2022 proof over the Open Badges 3.0 rendition of a signed credential
 * (the verifier library's mapping, a pure function of the document): stored beside the credential,
 * it makes the service's OB export verifiable by any Data Integrity verifier, with no chain.
 */
export function openBadgeProofOf(backend: CryptoBackend, credential: JsonObject, keyPair: Ed25519KeyPair): JsonObject {
  const issuer = credential.issuer as { id: string; name: string };
  const rendition = openBadgeRendition(credential as unknown as ProofBundle['credential'], { id: issuer.id, name: issuer.name });
  const created = String(credential.issuedAt).replace(/\.\d+Z$/, 'Z');
  return createProof(
    backend,
    rendition,
    { created, proofPurpose: 'assertionMethod' },
    keyPairSigner(backend, keyPair),
  ) as unknown as JsonObject;
}
