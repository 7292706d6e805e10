/**
 * The proof bundle: `format: "stackledger-proof/1"`, or `/2`, which adds for a credential signed
 * by its issuer the anchored registration of the signing key (`issuerKey`).
 */
export const BUNDLE_FORMAT = 'stackledger-proof/1';
/** `/1` plus `issuerKey`: the anchored registration of the key that signed the credential. */
export const BUNDLE_FORMAT_V2 = 'stackledger-proof/2';
export const BUNDLE_FORMATS = [BUNDLE_FORMAT, BUNDLE_FORMAT_V2] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];

/** The credential document fields the verifier reads; the rest is hashed as is. */
export interface BundleCredential {
  readonly id: string;
  readonly issuerId: string;
  readonly learnerId: string;
  readonly title: string;
  readonly credits: string;
  readonly level: number;
  readonly validUntil: string;
  readonly issuedAt?: string;
  /** Signed credentials name their issuer as registered; `id` equals `issuerId`. */
  readonly issuer?: BundleIssuer;
  /** The issuer's eddsa-jcs-2022 Data Integrity proof (signed credentials only). */
  readonly proof?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

export interface BundleIssuer {
  readonly id: string;
  readonly name: string;
  /** The internet domain the issuer answers for (DNS binding); absent when it registered none. */
  readonly domain?: string;
  readonly [field: string]: unknown;
}

/** Any anchored ledger event as the bundle carries it (the six hashed members). */
export interface LedgerEventOf<D> {
  readonly seq: number;
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly data: D;
  readonly recordedAt: string;
}

export type BundleEvent = LedgerEventOf<{ readonly credential: Record<string, unknown>; readonly [field: string]: unknown }>;

/** `IssuerKeyRegistered` data: the key, its issuer, when the ledger recorded it, the holder's proof of possession. */
export interface KeyRegistrationData {
  readonly issuerId: string;
  readonly keyId: string;
  readonly registeredAt: string;
  readonly proofOfPossession: Record<string, unknown>;
  readonly [field: string]: unknown;
}

export interface BundleMerkle {
  readonly leaf: string;
  readonly path: readonly string[];
  readonly batch: { readonly index: number; readonly root: string; readonly fromSeq: number; readonly toSeq: number };
}

export interface BundleAnchor {
  readonly chainId: number;
  readonly contract: string;
  readonly txHash: string;
  readonly blockNumber: number;
}

/** The signing key's registration, proven like the credential's own event. */
export interface IssuerKeyProof {
  readonly event: LedgerEventOf<KeyRegistrationData>;
  readonly merkle: BundleMerkle;
  readonly anchor: BundleAnchor;
}

export interface ProofBundle {
  readonly format: BundleFormat;
  readonly credential: BundleCredential;
  readonly event: BundleEvent;
  readonly merkle: BundleMerkle;
  readonly anchor: BundleAnchor;
  /** `/2` with a signed credential only. */
  readonly issuerKey?: IssuerKeyProof;
}
