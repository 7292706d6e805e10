/**
 * What a verification concludes (SPEC section 7, step 6). Exactly one verdict; `valid` is the
 * only positive one. Precedence, first match wins: `tampered` (decided offline), `wrong-chain`,
 * `unreachable`, `not-anchored`, `revoked`, `expired`, `valid`.
 */
export type Verdict = 'valid' | 'revoked' | 'expired' | 'tampered' | 'not-anchored' | 'wrong-chain' | 'unreachable';

export const VERDICTS: readonly Verdict[] = ['valid', 'revoked', 'expired', 'tampered', 'not-anchored', 'wrong-chain', 'unreachable'];

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
  | 'UNREACHABLE';

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
}
