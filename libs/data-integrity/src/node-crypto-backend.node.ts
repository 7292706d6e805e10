import { createPrivateKey, createPublicKey, hash, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { CryptoBackend } from './crypto-backend';
import { isAcceptablePublicKey } from './noble-backend';

/**
 * The server's backend: Ed25519 and SHA-256 from OpenSSL through `node:crypto`. Node-only (this
 * file is not reachable from the browser-safe entry). Raw 32-byte keys are wrapped in their fixed
 * DER headers (RFC 8410) to become KeyObjects; public KeyObjects are cached, because a server
 * verifies many signatures under few issuer keys and building a KeyObject costs about as much as
 * the verification itself. OpenSSL does not refuse small-order public keys (under the identity
 * point it accepts `R = identity, S = 0` for any message), so each new key is first checked once
 * with `isAcceptablePublicKey`, and refused keys are cached as such.
 */

/** SubjectPublicKeyInfo header for an Ed25519 key (OID 1.3.101.112), followed by the 32 bytes. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** PKCS#8 header for an Ed25519 seed, followed by the 32 bytes. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const MAX_CACHED_KEYS = 1_024;

const publicKeys = new Map<string, KeyObject | null>();
let lastSecret: { bytes: Buffer; key: KeyObject } | undefined;

/** The KeyObject of an acceptable public key, `null` for a refused one. */
function publicKeyObject(publicKey: Uint8Array): KeyObject | null {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('latin1');
  let key = publicKeys.get(id);
  if (key === undefined) {
    key = isAcceptablePublicKey(publicKey)
      ? createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
      : null;
    if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.delete(publicKeys.keys().next().value as string);
    publicKeys.set(id, key);
  }
  return key;
}

function secretKeyObject(secretKey: Uint8Array): KeyObject {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('an Ed25519 secret key is exactly 32 bytes');
  // One entry: a signer (the CLI in bulk) signs many documents with one key in a row.
  if (lastSecret && lastSecret.bytes.equals(secretKey)) return lastSecret.key;
  const bytes = Buffer.from(secretKey);
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, bytes]), format: 'der', type: 'pkcs8' });
  lastSecret = { bytes, key };
  return key;
}

const copy = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

export const nodeCryptoBackend: CryptoBackend = {
  name: 'node:crypto',
  // One-shot crypto.hash: a third of createHash().update().digest()'s time on short inputs.
  sha256: (data) => copy(hash('sha256', data, 'buffer')),
  randomSecretKey: () => copy(randomBytes(32)),
  publicKeyOf(secretKey) {
    const spki = createPublicKey(secretKeyObject(secretKey)).export({ format: 'der', type: 'spki' });
    return copy(spki.subarray(SPKI_PREFIX.length));
  },
  sign: (message, secretKey) => copy(sign(null, message, secretKeyObject(secretKey))),
  verify(signature, message, publicKey) {
    if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
    if (!(message instanceof Uint8Array)) return false;
    try {
      const key = publicKeyObject(publicKey);
      return key !== null && verify(null, message, key, signature);
    } catch {
      return false;
    }
  },
};
