import { copyJson, isPlainObject } from './bytes';
import type { CryptoBackend, Ed25519KeyPair } from './crypto-backend';
import { didKeyFromPublicKey, verificationMethodOf } from './did-key';
import { canonicalProofConfiguration, hashData, proofConfigurationProblem, transformDocument } from './eddsa-jcs-2022.hashing';
import { encodeMultibase } from './multibase';
import {
  CRYPTOSUITE,
  PROOF_TYPE,
  ProofCreationError,
  type DataIntegrityProof,
  type JsonObject,
  type ProofOptions,
  type Signer,
} from './proof.types';

/**
 * A signer holding a key pair in memory, named by the pair's did:key verification method.
 *
 * Preconditions: `keyPair.publicKey` is the public key of `keyPair.secretKey` (use
 * `keyPairFromKeyFile` or `generateKeyPair`, which guarantee it).
 */
export function keyPairSigner(backend: CryptoBackend, keyPair: Ed25519KeyPair): Signer {
  const verificationMethod = verificationMethodOf(didKeyFromPublicKey(keyPair.publicKey));
  return { verificationMethod, sign: (data) => backend.sign(data, keyPair.secretKey) };
}

/**
 * Creates an eddsa-jcs-2022 proof over `unsecuredDocument`:
 * 1. the proof starts as a copy of `options`, with `type`, `cryptosuite` and `verificationMethod`
 *    filled in when absent;
 * 2. when the document has an `@context`, the proof gets a copy of it (so the proof can later
 *    sit in a proof set or chain and still verify);
 * 3. hash data = SHA-256(JCS(proof)) ‖ SHA-256(JCS(document)); the signer signs it;
 * 4. `proofValue` = base58btc multibase of the 64-byte signature.
 *
 * Preconditions (throws `ProofCreationError` otherwise): the document is a JSON object without a
 * `proof` (proof sets are not made here) that JCS accepts; the options satisfy the proof
 * configuration rules and carry no `proofValue`; an explicit `verificationMethod` equals the
 * signer's.
 */
export function createProof(backend: CryptoBackend, unsecuredDocument: object, options: ProofOptions, signer: Signer): DataIntegrityProof {
  if (!isPlainObject(unsecuredDocument)) throw new ProofCreationError('MALFORMED_DOCUMENT', 'the document must be a JSON object');
  if ('proof' in unsecuredDocument) throw new ProofCreationError('MALFORMED_DOCUMENT', 'the document already has a proof');
  if (!isPlainObject(options)) throw new ProofCreationError('MALFORMED_PROOF_OPTIONS', 'proof options must be a JSON object');
  if (options.verificationMethod !== undefined && options.verificationMethod !== signer.verificationMethod) {
    throw new ProofCreationError('SIGNER_MISMATCH', "the options' verificationMethod is not the signer's");
  }
  const proof: JsonObject = {
    ...options,
    type: options.type ?? PROOF_TYPE,
    cryptosuite: options.cryptosuite ?? CRYPTOSUITE,
    verificationMethod: signer.verificationMethod,
  };
  if (unsecuredDocument['@context'] !== undefined) proof['@context'] = copyJson(unsecuredDocument['@context']);
  const problem = proofConfigurationProblem(proof);
  if (problem) throw new ProofCreationError(problem.code === 'MALFORMED' ? 'MALFORMED_PROOF_OPTIONS' : problem.code, problem.message);
  if (typeof proof.proofPurpose !== 'string') throw new ProofCreationError('MALFORMED_PROOF_OPTIONS', 'proofPurpose must be a string');

  let data: Uint8Array;
  try {
    data = hashData(backend, canonicalProofConfiguration(proof), transformDocument(unsecuredDocument));
  } catch (error) {
    throw new ProofCreationError('MALFORMED_DOCUMENT', (error as Error).message);
  }
  const signature = signer.sign(data);
  if (!(signature instanceof Uint8Array) || signature.length !== 64)
    throw new TypeError('the signer must return a 64-byte Ed25519 signature');
  return { ...proof, proofValue: encodeMultibase(signature) } as DataIntegrityProof;
}

/** `unsecuredDocument` with the proof of {@link createProof} added as `proof` (a new object). */
export function signDocument<T extends object>(
  backend: CryptoBackend,
  unsecuredDocument: T,
  options: ProofOptions,
  signer: Signer,
): T & { proof: DataIntegrityProof } {
  return { ...unsecuredDocument, proof: createProof(backend, unsecuredDocument, options, signer) };
}
