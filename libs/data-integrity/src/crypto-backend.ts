/**
 * The primitives the cryptosuite needs, behind one small interface with two implementations:
 * `nobleBackend` (audited `@noble/curves` / `@noble/hashes`, pure JS: the verifier library and the
 * browser page) and `nodeCryptoBackend` (OpenSSL through `node:crypto`: the server's hot path, in
 * the `@stackledger/data-integrity/node` entry so that browser bundles never see `node:` modules).
 * Tests hold both to the same answers on random keys and messages and on the W3C vector.
 *
 * Ed25519 here is pure Ed25519 of RFC 8032 (no prehash, no context). Secret keys are the 32-byte
 * RFC 8032 seed, public keys the 32-byte compressed point, signatures 64 bytes `R ‖ S`.
 */
export interface CryptoBackend {
  /** For reports and benchmarks. */
  readonly name: string;

  /** SHA-256 of `data` (32 bytes). */
  sha256(data: Uint8Array): Uint8Array;

  /** A new secret key: 32 bytes from the platform's cryptographically secure random source. */
  randomSecretKey(): Uint8Array;

  /** The public key of a secret key. Preconditions: `secretKey` is 32 bytes (throws otherwise). */
  publicKeyOf(secretKey: Uint8Array): Uint8Array;

  /**
   * The Ed25519 signature of `message` (deterministic: the same key and message always give the
   * same 64 bytes). Preconditions: `secretKey` is 32 bytes (throws otherwise).
   */
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;

  /**
   * Whether `signature` is a valid Ed25519 signature of `message` under `publicKey`.
   *
   * MUST return `false`, never throw, for any malformed input: a signature that is not 64 bytes, a
   * public key that is not 32 bytes, `S` not below the group order, non-canonical point encodings,
   * and a public key outside the prime-order subgroup (`isAcceptablePublicKey`: small-order keys
   * would let anyone sign). Both implementations follow RFC 8032 (not the lax ZIP-215 rules) and
   * agree on every signature an honest signer can produce; they could differ only on a signature
   * whose `R` its own key holder crafted with a small-order component (OpenSSL checks the
   * cofactorless equation, noble the cofactored one).
   */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

/** An Ed25519 key pair: the 32-byte seed and the 32-byte public key. */
export interface Ed25519KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** A new random key pair from `backend`'s secure random source. */
export function generateKeyPair(backend: CryptoBackend): Ed25519KeyPair {
  const secretKey = backend.randomSecretKey();
  return { secretKey, publicKey: backend.publicKeyOf(secretKey) };
}
