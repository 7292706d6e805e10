/**
 * What a verification concludes (SPEC section 7, step 6). Exactly one verdict; `valid` is the
 * only positive one. Precedence, first match wins: `tampered` (decided offline), `wrong-chain`,
 * `inconsistent`, `unreachable`, `not-anchored`, `revoked`, `expired`, `valid`. `inconsistent`:
 * two RPC endpoints gave different answers for one chain fact at one block, so the chain's word
 * cannot be known from them.
 */
export type Verdict = 'valid' | 'revoked' | 'expired' | 'tampered' | 'not-anchored' | 'wrong-chain' | 'unreachable' | 'inconsistent';

export const VERDICTS: readonly Verdict[] = ['valid', 'revoked', 'expired', 'tampered', 'not-anchored', 'wrong-chain', 'unreachable', 'inconsistent'];

/**
 * Stable machine-readable reason codes, one per way a check can fail. `MALFORMED` covers every
 * shape error of the bundle (it is a kind of `tampered`).
 */
export type ReasonCode =
  | 'OK'
  | 'MALFORMED'
  | 'CREDENTIAL_MISMATCH'
  | 'NOT_A_CREDENTIAL_EVENT'
  | 'LEARNER_MISMATCH'
  | 'ISSUER_MISMATCH'
  | 'LEAF_MISMATCH'
  | 'ROOT_MISMATCH'
  | 'SEQ_OUT_OF_RANGE'
  | 'CONTRACT_MISMATCH'
  | 'CHAIN_ID_MISMATCH'
  | 'NO_CONTRACT_CODE'
  | 'NOT_AN_ANCHOR_CONTRACT'
  | 'BATCH_NOT_FOUND'
  | 'BATCH_MISMATCH'
  | 'REVOKED'
  | 'EXPIRED'
  | 'UNREACHABLE'
  /** Two or more RPC endpoints were given, but fewer than two could be read (down, lagging). */
  | 'QUORUM_NOT_MET'
  /** RPC endpoints disagree on the fact named. */
  | 'INCONSISTENT_CHAIN_ID'
  | 'INCONSISTENT_CODE'
  | 'INCONSISTENT_BATCH_COUNT'
  | 'INCONSISTENT_BATCH'
  | 'INCONSISTENT_REVOKED_AT';

/**
 * The human-facing facts of a credential. Those read from the bundle are only as trustworthy as
 * the verdict: for `tampered` they are what the bundle CLAIMS.
 */
export interface CredentialFacts {
  readonly credentialId: string;
  readonly learnerId: string;
  readonly issuerId: string;
  readonly title: string;
  readonly credits: string;
  readonly level: number;
  readonly issuedAt?: string;
  readonly validUntil: string;
  /** keccak256 of the credential's JCS form: the revocation key. */
  readonly credentialKey?: string;
  readonly eventSeq: number;
  readonly batchIndex: number;
  readonly batchRoot: string;
  readonly chainId: number;
  readonly contract: string;
  /** As given by the bundle (not re-read from the chain). */
  readonly txHash: string;
  /** As given by the bundle (not re-read from the chain). */
  readonly blockNumber: number;
  /** Block time of the anchoring, ISO-8601 UTC, read from the contract's `batch(index)`. */
  readonly anchoredAt?: string;
  /** Block time of the revocation, ISO-8601 UTC, read from the contract's `revokedAt`. */
  readonly revokedAt?: string;
}

/** One step of SPEC section 7 and how it went, in the order run. */
export interface CheckRecord {
  /** SPEC 7 step number (0 = bundle shape). */
  readonly step: number;
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

/** A chain fact the verifier reads; endpoints are compared on each. */
export type ChainFact = 'chainId' | 'code' | 'batchCount' | 'batch' | 'revokedAt';

/** What each endpoint answered for the fact they disagree on. */
export interface Disagreement {
  readonly fact: ChainFact;
  /** The read itself, e.g. `revokedAt(0x…)` or `batch(3)`. */
  readonly call: string;
  /** The block read (absent for the chain id, which no block pins). */
  readonly block?: number;
  readonly answers: readonly { readonly endpoint: string; readonly answer: string }[];
}

/** How one RPC endpoint took part. */
export interface EndpointReport {
  /** Display name (never with credentials). */
  readonly endpoint: string;
  /**
   * `answered`: every fact asked of it was read; `failed`: it could not answer (see `error`);
   * `lagging`: set aside, its newest block too far behind the others'.
   */
  readonly status: 'answered' | 'failed' | 'lagging';
  readonly chainId?: number;
  /** The newest block it reported. */
  readonly head?: number;
  readonly error?: string;
}

/** Which block the chain was read at, through which endpoints. */
export interface ChainReadReport {
  /** Endpoints that had to agree: 1 when one was given, else 2. */
  readonly quorum: number;
  /** The one block every fact was read at; absent when none could be chosen. */
  readonly block?: number;
  readonly endpoints: readonly EndpointReport[];
}

/** The full outcome: verdict, why, the facts, and the trail of checks. */
export interface VerificationResult {
  readonly verdict: Verdict;
  readonly code: ReasonCode;
  /** One human sentence. */
  readonly reason: string;
  /** Absent only when the bundle was too malformed to name a credential. */
  readonly facts?: CredentialFacts;
  readonly checks: readonly CheckRecord[];
  /** The time expiry was judged at, ISO-8601 UTC. */
  readonly checkedAt: string;
  /** How the chain was read; absent when the verdict was reached without it. */
  readonly rpc?: ChainReadReport;
  /** For `inconsistent`: the fact and each endpoint's answer. */
  readonly disagreement?: Disagreement;
}
