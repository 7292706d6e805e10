import { bytesEqual, isPlainObject } from './bytes';
import type { CryptoBackend, Ed25519KeyPair } from './crypto-backend';
import { didKeyFromPublicKey, parseDidKey } from './did-key';
import { decodeMultibase, encodeMultibase } from './multibase';

/**
 * An issuer's key file (JSON, UTF-8), written by `ledger keys generate` and read by the signing
 * tools. It holds the secret key in clear: the file MUST be readable by its owner only.
 *
 * ```json
 * { "type": "StackLedgerIssuerKey",
 *   "keyId": "did:key:z6Mk…",
 *   "publicKeyMultibase": "z6Mk…",
 *   "secretKeyMultibase": "z3u2…" }
 * ```
 * - `publicKeyMultibase`: base58btc multibase of `0xed 0x01` ‖ the 32-byte public key (multicodec
 *   `ed25519-pub`, the W3C Multikey form); `keyId` is `did:key:` + that same value;
 * - `secretKeyMultibase`: base58btc multibase of `0x80 0x26` ‖ the 32-byte RFC 8032 seed (the
 *   unsigned varint of multicodec `ed25519-priv`, 0x1300; W3C Multikey form, `z3u2…`).
 *
 * Reading MUST refuse any other member, a wrong `type`, a prefix other than those above, a length
 * other than 32 bytes, and a file whose public key or key id does not belong to its secret key.
 */
export const KEY_FILE_TYPE = 'StackLedgerIssuerKey';

export interface KeyFile {
  readonly type: typeof KEY_FILE_TYPE;
  readonly keyId: string;
  readonly publicKeyMultibase: string;
  readonly secretKeyMultibase: string;
}

export class KeyFileError extends Error {
  constructor(
    /** The member at fault, or `file` for the whole. */
    readonly field: string,
    message: string,
  ) {
    super(`key file ${field}: ${message}`);
    this.name = 'KeyFileError';
  }
}

/** Unsigned varint of multicodec 0x1300 (`ed25519-priv`). */
const ED25519_PRIV = [0x80, 0x26] as const;
const MEMBERS = ['keyId', 'publicKeyMultibase', 'secretKeyMultibase', 'type'];

/** Multibase of `0x80 0x26` ‖ seed. Preconditions: `secretKey` is 32 bytes (throws otherwise). */
export function encodeSecretKeyMultibase(secretKey: Uint8Array): string {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('an Ed25519 secret key is exactly 32 bytes');
  const tagged = new Uint8Array(34);
  tagged.set(ED25519_PRIV, 0);
  tagged.set(secretKey, 2);
  return encodeMultibase(tagged);
}

/** The 32-byte seed of a `z3u2…` value. Throws `KeyFileError` (field `secretKeyMultibase`) otherwise. */
export function decodeSecretKeyMultibase(text: unknown): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = decodeMultibase(text);
  } catch (error) {
    throw new KeyFileError('secretKeyMultibase', (error as Error).message);
  }
  if (bytes.length !== 34 || bytes[0] !== ED25519_PRIV[0] || bytes[1] !== ED25519_PRIV[1]) {
    throw new KeyFileError('secretKeyMultibase', 'expected multicodec ed25519-priv (0x1300) and 32 bytes');
  }
  return bytes.slice(2);
}

/** The key file of a key pair. Preconditions: a matching pair of 32-byte keys. */
export function keyFileFromKeyPair(keyPair: Ed25519KeyPair): KeyFile {
  const keyId = didKeyFromPublicKey(keyPair.publicKey);
  return {
    type: KEY_FILE_TYPE,
    keyId,
    publicKeyMultibase: keyId.slice('did:key:'.length),
    secretKeyMultibase: encodeSecretKeyMultibase(keyPair.secretKey),
  };
}

/**
 * The key pair of a key file, given as JSON text or as the parsed object; the public key is
 * recomputed from the secret one and MUST match both `publicKeyMultibase` and `keyId`. Throws
 * `KeyFileError` naming the member at fault.
 */
export function keyPairFromKeyFile(backend: CryptoBackend, file: unknown): Ed25519KeyPair {
  let value = file;
  if (typeof file === 'string') {
    try {
      value = JSON.parse(file);
    } catch {
      throw new KeyFileError('file', 'not JSON');
    }
  }
  if (!isPlainObject(value)) throw new KeyFileError('file', 'not a JSON object');
  const names = Object.keys(value).sort();
  const extra = names.find((n) => !MEMBERS.includes(n));
  if (extra !== undefined) throw new KeyFileError(extra, 'unknown member');
  const missing = MEMBERS.find((n) => !names.includes(n));
  if (missing !== undefined) throw new KeyFileError(missing, 'missing');
  if (value.type !== KEY_FILE_TYPE) throw new KeyFileError('type', `must be ${KEY_FILE_TYPE}`);

  const secretKey = decodeSecretKeyMultibase(value.secretKeyMultibase);
  const publicKey = backend.publicKeyOf(secretKey);
  let named: Uint8Array;
  try {
    named = parseDidKey(`did:key:${String(value.publicKeyMultibase)}`);
  } catch (error) {
    throw new KeyFileError('publicKeyMultibase', (error as Error).message);
  }
  if (typeof value.publicKeyMultibase !== 'string' || !bytesEqual(named, publicKey)) {
    throw new KeyFileError('publicKeyMultibase', 'is not the public key of secretKeyMultibase');
  }
  if (value.keyId !== didKeyFromPublicKey(publicKey)) throw new KeyFileError('keyId', 'is not the did:key of the key');
  return { secretKey, publicKey };
}
