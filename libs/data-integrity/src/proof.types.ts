/** Types shared by the eddsa-jcs-2022 creation and verification. */

export const PROOF_TYPE = 'DataIntegrityProof';
export const CRYPTOSUITE = 'eddsa-jcs-2022';

/** A JSON object (a credential or any other document a proof is made over). */
export type JsonObject = Record<string, unknown>;

/** A finished Data Integrity proof of this cryptosuite, as it sits in a document's `proof`. */
export interface DataIntegrityProof {
  readonly type: typeof PROOF_TYPE;
  readonly cryptosuite: typeof CRYPTOSUITE;
  readonly created?: string;
  readonly verificationMethod: string;
  readonly proofPurpose: string;
  readonly '@context'?: unknown;
  readonly proofValue: string;
  readonly [member: string]: unknown;
}

/**
 * What the signer chooses before signing. `type` and `cryptosuite` default to this suite's,
 * `verificationMethod` to the signer's; any further member (e.g. `expires`, `domain`) is kept and
 * signed. `proofValue` MUST be absent.
 */
export interface ProofOptions {
  readonly type?: typeof PROOF_TYPE;
  readonly cryptosuite?: typeof CRYPTOSUITE;
  /** XML Schema dateTime, normally UTC with `Z` (`2026-03-01T10:00:00Z`). */
  readonly created?: string;
  readonly verificationMethod?: string;
  readonly proofPurpose: string;
  readonly [member: string]: unknown;
}

/** Whoever holds the secret key: signs the 64-byte hash data. */
export interface Signer {
  /** `did:key:z6Mk…#z6Mk…` of the signing key. */
  readonly verificationMethod: string;
  /** Ed25519 signature (64 bytes) of `data`. */
  sign(data: Uint8Array): Uint8Array;
}

/**
 * Maps a proof's `verificationMethod` to the 32-byte Ed25519 public key it names, or `undefined`
 * when it names none the caller accepts. May throw; verification turns that into
 * BAD_VERIFICATION_METHOD.
 */
export type KeyResolver = (verificationMethod: string) => Uint8Array | undefined;

/** Why a proof did not verify. */
export type ProofFailureReason =
  /** The secured document is not a JSON object, or cannot be canonicalised. */
  | 'MALFORMED_DOCUMENT'
  /** `proof` is missing, not one object, or a member has the wrong form (`proofValue`, `created`…). */
  | 'MALFORMED_PROOF'
  /** `type` is not DataIntegrityProof or `cryptosuite` not eddsa-jcs-2022. */
  | 'UNSUPPORTED_CRYPTOSUITE'
  /** `proofPurpose` is not the one the caller expects. */
  | 'WRONG_PROOF_PURPOSE'
  /** The proof's `@context` is not a prefix of the document's. */
  | 'CONTEXT_MISMATCH'
  /** The verification method names no key the resolver accepts. */
  | 'BAD_VERIFICATION_METHOD'
  /** The Ed25519 signature does not verify over the hash data. */
  | 'BAD_SIGNATURE';

export type ProofVerification =
  | {
      readonly ok: true;
      readonly proof: DataIntegrityProof;
      readonly verificationMethod: string;
      /** The bare did:key when the verification method is a did:key one, else undefined. */
      readonly keyId: string | undefined;
      readonly publicKey: Uint8Array;
      /**
       * The document the signature covers: the secured one without `proof`, its `@context`
       * replaced by the proof's when the proof has one (members of the document's `@context`
       * after the proof's are not covered; act on this document, not the secured one).
       */
      readonly verifiedDocument: JsonObject;
    }
  | { readonly ok: false; readonly reason: ProofFailureReason; readonly message: string };

/** Thrown by proof creation (never by verification) when its preconditions do not hold. */
export class ProofCreationError extends Error {
  constructor(
    readonly code: 'MALFORMED_DOCUMENT' | 'MALFORMED_PROOF_OPTIONS' | 'UNSUPPORTED_CRYPTOSUITE' | 'SIGNER_MISMATCH',
    message: string,
  ) {
    super(message);
    this.name = 'ProofCreationError';
  }
}
