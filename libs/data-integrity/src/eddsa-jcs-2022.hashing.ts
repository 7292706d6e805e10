import { canonicalJson } from '@stackledger/merkle';
import { concatBytes, utf8 } from './bytes';
import type { CryptoBackend } from './crypto-backend';
import { isXsdDateTime } from './date-time';
import { CRYPTOSUITE, PROOF_TYPE, type JsonObject } from './proof.types';

/**
 * The three pure steps of eddsa-jcs-2022 that creation and verification share.
 *
 * - transformation: the canonical JSON (RFC 8785 JCS) of the document without `proof`;
 * - proof configuration: the canonical JSON of the proof options, i.e. the proof without
 *   `proofValue` (with the document's `@context` copied in at creation). `type` MUST be
 *   `DataIntegrityProof`, `cryptosuite` MUST be `eddsa-jcs-2022`, and `created`, when present,
 *   MUST be an XML Schema dateTime;
 * - hash data: SHA-256(UTF-8(proof configuration)) ‖ SHA-256(UTF-8(transformed document)), 64
 *   bytes, proof configuration first. This is what Ed25519 signs (no further hashing).
 */

/** JCS of the unsecured document. Throws `TypeError` for what JCS refuses (see `canonicalJson`). */
export function transformDocument(unsecuredDocument: JsonObject): string {
  return canonicalJson(unsecuredDocument);
}

/** Why a proof configuration was refused; `undefined` when it is acceptable. */
export function proofConfigurationProblem(
  options: JsonObject,
): { code: 'UNSUPPORTED_CRYPTOSUITE' | 'MALFORMED'; message: string } | undefined {
  if (options.type !== PROOF_TYPE || options.cryptosuite !== CRYPTOSUITE) {
    return { code: 'UNSUPPORTED_CRYPTOSUITE', message: `proof type must be ${PROOF_TYPE} and cryptosuite ${CRYPTOSUITE}` };
  }
  if (options.created !== undefined && !isXsdDateTime(options.created)) {
    return { code: 'MALFORMED', message: 'proof created must be an XML Schema dateTime' };
  }
  if ('proofValue' in options) return { code: 'MALFORMED', message: 'proof options must not carry a proofValue' };
  return undefined;
}

/**
 * JCS of the proof options.
 *
 * Preconditions: {@link proofConfigurationProblem} finds nothing (throws `TypeError` otherwise, or
 * when JCS refuses a value).
 */
export function canonicalProofConfiguration(options: JsonObject): string {
  const problem = proofConfigurationProblem(options);
  if (problem) throw new TypeError(problem.message);
  return canonicalJson(options);
}

/** `SHA-256(proof configuration) ‖ SHA-256(transformed document)`, 64 bytes. */
export function hashData(backend: CryptoBackend, canonicalProofConfig: string, transformedDocument: string): Uint8Array {
  return concatBytes(backend.sha256(utf8(canonicalProofConfig)), backend.sha256(utf8(transformedDocument)));
}
