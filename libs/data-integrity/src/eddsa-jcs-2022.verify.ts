import { canonicalJson } from '@stackledger/merkle';
import { isPlainObject } from './bytes';
import type { CryptoBackend } from './crypto-backend';
import { parseVerificationMethod } from './did-key';
import { canonicalProofConfiguration, hashData, proofConfigurationProblem, transformDocument } from './eddsa-jcs-2022.hashing';
import { decodeMultibase } from './multibase';
import type { DataIntegrityProof, KeyResolver, ProofFailureReason, ProofVerification } from './proof.types';

/** The default resolver: a did:key verification method names its own public key; nothing else resolves. */
export const didKeyResolver: KeyResolver = (verificationMethod) => parseVerificationMethod(verificationMethod).publicKey;

export interface VerifyProofOptions {
  /** From verification method to public key; {@link didKeyResolver} by default. */
  readonly resolveKey?: KeyResolver;
  /** The `proofPurpose` the proof MUST have; `assertionMethod` (issuing) by default. */
  readonly expectedProofPurpose?: string;
}

/**
 * Verifies the eddsa-jcs-2022 proof of `securedDocument`. Never throws: anything hostile or
 * malformed gives `{ok: false, reason, message}`.
 *
 * MUST rules, in order:
 * 1. the document is a JSON object whose `proof` is exactly one object (a proof set, an array, is
 *    refused);
 * 2. the proof's `type` is DataIntegrityProof and its `cryptosuite` eddsa-jcs-2022;
 * 3. `proofValue` is base58btc multibase of exactly 64 bytes; `verificationMethod` and
 *    `proofPurpose` are strings, the latter the expected one; `created`, if present, a dateTime;
 * 4. proof options = the proof without `proofValue`; when they carry an `@context`, the document's
 *    `@context` MUST start with the same values in the same order, and the document is hashed
 *    with the proof's `@context` in place of its own;
 * 5. the verification method resolves to a 32-byte public key;
 * 6. hash data = SHA-256(JCS(proof options)) ‖ SHA-256(JCS(document without `proof`)), and the
 *    Ed25519 signature verifies over it (RFC 8032 rules).
 *
 * Not checked here: `expires`, `domain` and `challenge` (no clock or session is given), and
 * whether the key is registered or live (the caller's policy, from `keyId`).
 */
export function verifyProof(backend: CryptoBackend, securedDocument: unknown, options: VerifyProofOptions = {}): ProofVerification {
  try {
    return check(backend, securedDocument, options);
  } catch (error) {
    // Only a hostile object (a Proxy, a throwing getter) gets here: plain JSON is judged in `check`.
    return fail('MALFORMED_DOCUMENT', `unreadable document: ${String((error as Error)?.message ?? error)}`);
  }
}

function check(backend: CryptoBackend, securedDocument: unknown, options: VerifyProofOptions): ProofVerification {
  if (!isPlainObject(securedDocument)) return fail('MALFORMED_DOCUMENT', 'the document must be a JSON object');
  const { proof, ...unsecured } = securedDocument;
  if (proof === undefined) return fail('MALFORMED_PROOF', 'the document has no proof');
  if (!isPlainObject(proof)) return fail('MALFORMED_PROOF', 'proof must be one JSON object (proof sets are not supported)');
  const { proofValue, ...proofOptions } = proof;

  const problem = proofConfigurationProblem(proofOptions);
  if (problem) return fail(problem.code === 'MALFORMED' ? 'MALFORMED_PROOF' : problem.code, problem.message);
  let signature: Uint8Array;
  try {
    signature = decodeMultibase(proofValue);
  } catch (error) {
    return fail('MALFORMED_PROOF', `proofValue: ${(error as Error).message}`);
  }
  if (signature.length !== 64) return fail('MALFORMED_PROOF', `proofValue must hold 64 bytes, got ${signature.length}`);
  const { verificationMethod, proofPurpose } = proofOptions;
  if (typeof verificationMethod !== 'string') return fail('MALFORMED_PROOF', 'verificationMethod must be a string');
  if (typeof proofPurpose !== 'string') return fail('MALFORMED_PROOF', 'proofPurpose must be a string');
  const expectedPurpose = options.expectedProofPurpose ?? 'assertionMethod';
  if (proofPurpose !== expectedPurpose) return fail('WRONG_PROOF_PURPOSE', `proofPurpose is ${proofPurpose}, expected ${expectedPurpose}`);

  if (proofOptions['@context'] !== undefined) {
    if (!startsWithContext(unsecured['@context'], proofOptions['@context'])) {
      return fail('CONTEXT_MISMATCH', "the document's @context does not start with the proof's");
    }
    unsecured['@context'] = proofOptions['@context'];
  }

  const publicKey = resolve(options.resolveKey ?? didKeyResolver, verificationMethod);
  if (typeof publicKey === 'string') return fail('BAD_VERIFICATION_METHOD', publicKey);

  let data: Uint8Array;
  try {
    data = hashData(backend, canonicalProofConfiguration(proofOptions), transformDocument(unsecured));
  } catch (error) {
    return fail('MALFORMED_DOCUMENT', `not canonicalisable: ${(error as Error).message}`);
  }
  if (!backend.verify(signature, data, publicKey))
    return fail('BAD_SIGNATURE', 'the signature does not verify under the verification method');
  return {
    ok: true,
    proof: proof as DataIntegrityProof,
    verificationMethod,
    keyId: keyIdOf(verificationMethod),
    publicKey,
    verifiedDocument: unsecured,
  };
}

/** The public key, or a string saying why there is none. */
function resolve(resolveKey: KeyResolver, verificationMethod: string): Uint8Array | string {
  let key: Uint8Array | undefined;
  try {
    key = resolveKey(verificationMethod);
  } catch (error) {
    return `verificationMethod: ${(error as Error)?.message ?? String(error)}`;
  }
  if (!(key instanceof Uint8Array) || key.length !== 32) return 'verificationMethod names no accepted Ed25519 key';
  return key;
}

/** Whether the document's @context begins with every value of the proof's, in order. */
function startsWithContext(documentContext: unknown, proofContext: unknown): boolean {
  if (documentContext === undefined) return false;
  const doc = Array.isArray(documentContext) ? documentContext : [documentContext];
  const prefix = Array.isArray(proofContext) ? proofContext : [proofContext];
  if (prefix.length > doc.length) return false;
  return prefix.every((value, i) => canonicalJson(value) === canonicalJson(doc[i]));
}

function keyIdOf(verificationMethod: string): string | undefined {
  try {
    return parseVerificationMethod(verificationMethod).keyId;
  } catch {
    return undefined;
  }
}

function fail(reason: ProofFailureReason, message: string): ProofVerification {
  return { ok: false, reason, message };
}
