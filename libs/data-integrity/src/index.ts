/**
 * `@stackledger/data-integrity`: issuer keys and signatures, browser-safe (no `node:` module is
 * reachable from here; `@stackledger/data-integrity/node` adds the OpenSSL backend and Node's DNS
 * resolver). did:key for Ed25519, the W3C eddsa-jcs-2022 cryptosuite, proofs of possession, key
 * files and the DNS identity binding. `keyHash` needs `await initMerkle()` of `@stackledger/merkle`
 * first; everything else is ready at import.
 */
export { type CryptoBackend, type Ed25519KeyPair, generateKeyPair } from './crypto-backend';
export { nobleBackend, isAcceptablePublicKey } from './noble-backend';
export { encodeMultibase, decodeMultibase } from './multibase';
export {
  DidKeyError,
  type DidKeyErrorCode,
  type ParsedVerificationMethod,
  didKeyFromPublicKey,
  keyHash,
  parseDidKey,
  parseVerificationMethod,
  verificationMethodOf,
} from './did-key';
export { isXsdDateTime, instantOf } from './date-time';
export {
  CRYPTOSUITE,
  PROOF_TYPE,
  ProofCreationError,
  type DataIntegrityProof,
  type JsonObject,
  type KeyResolver,
  type ProofFailureReason,
  type ProofOptions,
  type ProofVerification,
  type Signer,
} from './proof.types';
export { canonicalProofConfiguration, hashData, proofConfigurationProblem, transformDocument } from './eddsa-jcs-2022.hashing';
export { createProof, keyPairSigner, signDocument } from './eddsa-jcs-2022.create';
export { didKeyResolver, verifyProof, type VerifyProofOptions } from './eddsa-jcs-2022.verify';
export {
  KEY_REGISTRATION_TYPE,
  type KeyRegistration,
  type KeyRegistrationExpectations,
  type KeyRegistrationFailure,
  type KeyRegistrationVerification,
  type SignedKeyRegistration,
  signKeyRegistration,
  verifyKeyRegistration,
} from './key-registration';
export {
  KEY_FILE_TYPE,
  KeyFileError,
  type KeyFile,
  decodeSecretKeyMultibase,
  encodeSecretKeyMultibase,
  keyFileFromKeyPair,
  keyPairFromKeyFile,
} from './key-file';
export {
  DnsLookupError,
  NAME_PREFIX,
  RECORD_PREFIX,
  type DnsBinding,
  type TxtResolver,
  dnsBinding,
  listedKeyIds,
  normaliseDomain,
} from './dns-binding';
export { dohTxtResolver, txtOfAnswer, type DohOptions } from './dns-over-https.adapter';
