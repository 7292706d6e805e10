/**
 * What a verification concludes. Exactly one verdict; `valid` is the only positive one.
 * Precedence, first match wins (VERIFYING.md says why):
 * `tampered` and `bad-signature` (both decided offline), `wrong-chain`, `inconsistent`,
 * `unreachable`, `not-anchored`, `bad-signature` (a key whose registration was anchored after the
 * credential: chain time), `key-revoked`, `revoked`, `expired`, then the employer's own policies
 * `unsigned` (signature required, none) and `dns-not-confirmed` (DNS required, not confirmed),
 * and `valid`. `inconsistent`: two RPC endpoints gave different answers for one chain fact at one
 * block, so the chain's word cannot be known from them.
 */
export type Verdict =
  | 'valid'
  | 'revoked'
  | 'expired'
  | 'tampered'
  | 'not-anchored'
  | 'wrong-chain'
  | 'unreachable'
  | 'inconsistent'
  | 'bad-signature'
  | 'key-revoked'
  | 'unsigned'
  | 'dns-not-confirmed';

export const VERDICTS: readonly Verdict[] = [
  'valid',
  'revoked',
  'expired',
  'tampered',
  'not-anchored',
  'wrong-chain',
  'unreachable',
  'inconsistent',
  'bad-signature',
  'key-revoked',
  'unsigned',
  'dns-not-confirmed',
];

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
  | 'INCONSISTENT_REVOKED_AT'
  /** The signing key's registration event (`issuerKey`) fails its own steps 1-2 (tampered). */
  | 'NOT_A_KEY_REGISTRATION_EVENT'
  | 'KEY_LEAF_MISMATCH'
  | 'KEY_ROOT_MISMATCH'
  | 'KEY_SEQ_OUT_OF_RANGE'
  /** The credential's Data Integrity proof does not verify (bad-signature). */
  | 'BAD_SIGNATURE'
  /** The registration names another key than the one that signed (bad-signature). */
  | 'KEY_MISMATCH'
  /** The registration is another issuer's, or not in that issuer's stream (bad-signature). */
  | 'KEY_ISSUER_MISMATCH'
  /** The registration's proof of possession does not verify (bad-signature). */
  | 'BAD_PROOF_OF_POSSESSION'
  /** The key was registered after the credential was recorded or anchored (bad-signature). */
  | 'KEY_REGISTERED_LATER'
  /** The chain does not hold the key registration's batch root and range (not-anchored). */
  | 'KEY_BATCH_NOT_FOUND'
  | 'KEY_BATCH_MISMATCH'
  /** The signing key was revoked on chain at or before the credential's anchoring (key-revoked). */
  | 'KEY_REVOKED'
  /** A signature was required and the credential has none (unsigned). */
  | 'UNSIGNED'
  /** The DNS binding was required and is not confirmed (dns-not-confirmed). */
  | 'DNS_NOT_CONFIRMED';

/**
 * The human-facing facts of a credential. Those read from the bundle are only as trustworthy as
 * the verdict: for `tampered` they are what the bundle CLAIMS.
 */
export interface CredentialFacts {
  readonly credentialId: string;
  readonly learnerId: string;
  readonly issuerId: string;
  /** The issuer's name and domain as the credential document states them (signed when `signature` is verified). */
  readonly issuerName?: string;
  readonly issuerDomain?: string;
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

/**
 * The issuer's signature: `verified` (steps 7-9 passed: the proof verifies, under a key the
 * issuer registered, anchored no later than the credential, not revoked before it), `none` (a
 * `/1` bundle, or an unsigned credential in a `/2` one), `failed` (the verdict says why), or
 * `unconfirmed` (the proof and the registration hold as far as the bundle shows, but the chain
 * could not confirm the key: the verdict says why).
 */
export interface SignatureReport {
  readonly status: 'verified' | 'none' | 'failed' | 'unconfirmed';
  /** The bare did:key of the signing key. */
  readonly keyId?: string;
  readonly verificationMethod?: string;
  /** The proof's own `created` (self-declared). */
  readonly created?: string;
  /** The signing key's registration, as proven by the bundle and the chain. */
  readonly key?: {
    readonly keyHash: string;
    readonly registeredAt: string;
    readonly eventSeq: number;
    readonly batchIndex: number;
    /** Block time of the registration's batch. */
    readonly anchoredAt?: string;
    /** Block time of the key's revocation on chain; absent when not revoked. */
    readonly revokedAt?: string;
  };
}

/** The DNS identity binding of the signing key to the issuer's domain (step 10). */
export interface DnsReport {
  readonly status: 'confirmed' | 'not-confirmed' | 'unchecked';
  readonly domain?: string;
  /** The name looked up, `_stackledger.<domain>`. */
  readonly name?: string;
  /** Why not confirmed (`KEY_NOT_LISTED`, `NO_TXT_RECORDS`, `LOOKUP_FAILED`...) or unchecked (`NOT_ASKED`, `UNSIGNED`). */
  readonly reason?: string;
  readonly message?: string;
  /** The keys the domain lists. */
  readonly keyIds?: readonly string[];
}

/** One verification step and how it went, in the order run. */
export interface CheckRecord {
  /** Step number: 0 bundle shape, 1-6 the anchored credential, 7-10 the issuer's signature. */
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
  /** Absent when the verdict was reached before the signature steps. */
  readonly signature?: SignatureReport;
  /** Always present once the signature steps ran; `unchecked` unless DNS was asked. */
  readonly dns?: DnsReport;
}
