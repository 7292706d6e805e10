/**
 * `@stackledger/verifier`: verifies a StackLedger proof bundle (SPEC section 7) against the chain
 * alone. Pure: no ethers, no node: imports, so it runs in Node and in the browser. Its endpoints
 * read the chain with `JsonRpcAnchorReader` of `@stackledger/chain` (ethers ABI coding over fetch).
 */
export { verifyBundle, type VerifyOptions } from './verify-bundle';
export {
  BUNDLE_FORMAT,
  MAX_PATH_LENGTH,
  checkBundleShape,
  type BundleCredential,
  type BundleEvent,
  type BundleShape,
  type ProofBundle,
} from './proof-bundle';
export { CREDENTIAL_EVENT_TYPE, checkOffline, type OfflineFailure, type OfflinePass } from './offline-checks';
export {
  ChainUnavailableError,
  ContractCallError,
  type AnchoredBatch,
  type AnchorReader,
} from './anchor-reader.port';
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
  type ReasonCode,
  type VerificationResult,
  type Verdict,
} from './verdict';
