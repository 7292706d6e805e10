/**
 * `@stackledger/verifier`: verifies a StackLedger proof bundle against the chain alone, and for a
 * signed credential (`stackledger-proof/2`) its issuer's signature, the signing key's anchored
 * registration and revocation, and on request its DNS binding. Pure: no ethers, no node: imports,
 * so it runs in Node and in the browser; signatures are checked with the audited noble backend
 * of `@stackledger/data-integrity`. Its endpoints read the chain with `JsonRpcAnchorReader` of
 * `@stackledger/chain` (ethers ABI coding over fetch).
 */
export { verifyBundle, type VerifyOptions } from './verify-bundle';
export {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_V2,
  BUNDLE_FORMATS,
  MAX_PATH_LENGTH,
  checkBundleShape,
  type BundleAnchor,
  type BundleCredential,
  type BundleEvent,
  type BundleFormat,
  type BundleIssuer,
  type BundleMerkle,
  type BundleShape,
  type IssuerKeyProof,
  type KeyRegistrationData,
  type LedgerEventOf,
  type ProofBundle,
} from './proof-bundle';
export { KEY_EVENT_TYPE, REGISTRATION_WINDOW_MS } from './signature-checks';
export { verifySignatureOnly, type SignatureOnlyResult } from './signature-only';
export { CREDENTIAL_EVENT_TYPE, checkOffline, type OfflineFailure, type OfflinePass } from './offline-checks';
export { ChainUnavailableError, ContractCallError, type AnchoredBatch, type AnchorReader } from './anchor-reader.port';
export {
  ConsensusReader,
  DEFAULT_MAX_LAG_BLOCKS,
  InconsistentChainError,
  PinnedChainError,
  QuorumNotMetError,
  type ConsensusOptions,
  type Endpoint,
} from './consensus-reader';
export {
  VERDICTS,
  type ChainFact,
  type ChainReadReport,
  type CheckRecord,
  type Disagreement,
  type EndpointReport,
  type CredentialFacts,
  type DnsReport,
  type SignatureReport,
  type ReasonCode,
  type VerificationResult,
  type Verdict,
} from './verdict';
