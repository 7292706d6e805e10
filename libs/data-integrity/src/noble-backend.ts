import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import type { CryptoBackend } from './crypto-backend';

/** RFC 8032 / FIPS 186-5 verification, not ZIP-215: the rules OpenSSL applies too. */
const STRICT = { zip215: false } as const;

/**
 * The audited pure-JS backend (`@noble/curves` 1.x, `@noble/hashes` 1.x): browser-safe, used by
 * the verifier library and the verify page. Random bytes come from `crypto.getRandomValues`.
 */
export const nobleBackend: CryptoBackend = {
  name: 'noble',
  sha256: (data) => sha256(data),
  randomSecretKey: () => ed25519.utils.randomSecretKey(),
  publicKeyOf: (secretKey) => ed25519.getPublicKey(checkedSecret(secretKey)),
  sign: (message, secretKey) => ed25519.sign(message, checkedSecret(secretKey)),
  verify(signature, message, publicKey) {
    if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
    if (!(message instanceof Uint8Array)) return false;
    if (!isAcceptablePublicKeyCached(publicKey)) return false;
    try {
      return ed25519.verify(signature, message, publicKey, STRICT);
    } catch {
      return false;
    }
  },
};

function checkedSecret(secretKey: Uint8Array): Uint8Array {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('an Ed25519 secret key is exactly 32 bytes');
  return secretKey;
}

/**
 * Whether `publicKey` is a key this project verifies signatures under: 32 bytes, the canonical
 * encoding of a curve point, and a point of the prime-order subgroup (not small-order, no torsion
 * component). Every key made by an honest key generation passes. Both backends refuse every
 * signature under any other key: under a small-order key (the identity point, say) OpenSSL
 * accepts a trivial signature of any message, a forgery anyone can make; under a key with a
 * torsion component cofactored and cofactorless verifiers can disagree.
 */
export function isAcceptablePublicKey(publicKey: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  try {
    const point = ed25519.Point.fromBytes(publicKey, false);
    return !point.isSmallOrder() && point.isTorsionFree() && bytesSame(point.toBytes(), publicKey);
  } catch {
    return false;
  }
}

const verdicts = new Map<string, boolean>();
const MAX_CACHED_VERDICTS = 1_024;

/**
 * {@link isAcceptablePublicKey} remembered per key (bounded): a verifier checks many signatures
 * under few keys, and the subgroup check costs a scalar multiplication.
 */
export function isAcceptablePublicKeyCached(publicKey: Uint8Array): boolean {
  let id = '';
  for (let i = 0; i < publicKey.length; i++) id += String.fromCharCode(publicKey[i]);
  let verdict = verdicts.get(id);
  if (verdict === undefined) {
    verdict = isAcceptablePublicKey(publicKey);
    if (verdicts.size >= MAX_CACHED_VERDICTS) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(id, verdict);
  }
  return verdict;
}

function bytesSame(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
