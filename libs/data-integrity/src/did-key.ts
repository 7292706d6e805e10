import { keccak256Utf8, toHex } from '@stackledger/merkle';
import { decodeMultibase, encodeMultibase } from './multibase';

/**
 * did:key for Ed25519 public keys.
 *
 * - The key id is `did:key:` + multibase base58btc(`0xed 0x01` ‖ the 32-byte public key): the
 *   two bytes are the unsigned-varint of the multicodec `ed25519-pub` (0xed), so every such id
 *   starts `did:key:z6Mk`.
 * - Its verification method is `<keyId>#<the same multibase value>`.
 * - `keyHash = keccak256(utf8(keyId))` (Ethereum Keccak-256, the bare `did:key:…`, no fragment)
 *   is the key's name on chain.
 *
 * Parsing MUST refuse anything else: another DID method or multicodec, an invalid or
 * non-canonical base58btc value, a key that is not exactly 32 bytes, extra path, query or
 * fragment parts, and a verification-method fragment that is not the key's own multibase value.
 */

/** Why a did:key or verification method was refused. */
export type DidKeyErrorCode = 'NOT_DID_KEY' | 'BAD_MULTIBASE' | 'UNSUPPORTED_MULTICODEC' | 'WRONG_KEY_LENGTH' | 'FRAGMENT_MISMATCH';

export class DidKeyError extends Error {
  constructor(
    readonly code: DidKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DidKeyError';
  }
}

const PREFIX = 'did:key:';
/** Unsigned varint of multicodec 0xed (`ed25519-pub`). */
const ED25519_PUB = [0xed, 0x01] as const;
export const ED25519_PUBLIC_KEY_LENGTH = 32;

/**
 * The did:key of an Ed25519 public key.
 *
 * Preconditions: `publicKey` is exactly 32 bytes (throws `DidKeyError` WRONG_KEY_LENGTH). The
 * bytes are not checked to be a curve point here (see `isAcceptablePublicKey` in the backends).
 */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) {
    throw new DidKeyError('WRONG_KEY_LENGTH', 'an Ed25519 public key is exactly 32 bytes');
  }
  const tagged = new Uint8Array(2 + ED25519_PUBLIC_KEY_LENGTH);
  tagged.set(ED25519_PUB, 0);
  tagged.set(publicKey, 2);
  return PREFIX + encodeMultibase(tagged);
}

/** `did:key:z6Mk…#z6Mk…`, the verification method of a key id. Preconditions: as {@link parseDidKey}. */
export function verificationMethodOf(keyId: string): string {
  parseDidKey(keyId);
  return `${keyId}#${keyId.slice(PREFIX.length)}`;
}

/**
 * The 32-byte Ed25519 public key named by a bare did:key.
 *
 * MUST refuse (throwing `DidKeyError`) anything but `did:key:` + the canonical base58btc multibase
 * of `0xed 0x01` ‖ 32 bytes, with nothing after it.
 */
export function parseDidKey(keyId: unknown): Uint8Array {
  if (typeof keyId !== 'string' || !keyId.startsWith(PREFIX)) {
    throw new DidKeyError('NOT_DID_KEY', 'expected a did:key identifier');
  }
  const value = keyId.slice(PREFIX.length);
  if (/[#?/;:]/.test(value)) throw new DidKeyError('NOT_DID_KEY', 'a bare did:key has no path, query, parameters or fragment');
  let bytes: Uint8Array;
  try {
    bytes = decodeMultibase(value);
  } catch (error) {
    throw new DidKeyError('BAD_MULTIBASE', `did:key value: ${(error as Error).message}`);
  }
  if (bytes.length < 2 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) {
    throw new DidKeyError('UNSUPPORTED_MULTICODEC', 'only Ed25519 public keys (multicodec ed25519-pub, 0xed) are accepted');
  }
  if (bytes.length !== 2 + ED25519_PUBLIC_KEY_LENGTH) {
    throw new DidKeyError('WRONG_KEY_LENGTH', `an Ed25519 public key is exactly 32 bytes, got ${bytes.length - 2}`);
  }
  return bytes.slice(2);
}

/** A parsed verification method: the bare key id and its public key. */
export interface ParsedVerificationMethod {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
}

/**
 * Parses `did:key:z…#z…`.
 *
 * MUST refuse (throwing `DidKeyError`) a value without exactly one `#`, a key id refused by
 * {@link parseDidKey}, and a fragment other than the key id's own multibase value. Accepted values
 * are remembered (boundedly): a verifier meets the same few issuer keys over and over.
 */
export function parseVerificationMethod(verificationMethod: unknown): ParsedVerificationMethod {
  if (typeof verificationMethod !== 'string') throw new DidKeyError('NOT_DID_KEY', 'expected a did:key verification method');
  const known = parsedMethods.get(verificationMethod);
  if (known) return { keyId: known.keyId, publicKey: known.publicKey.slice() };
  const hash = verificationMethod.indexOf('#');
  if (hash < 0) throw new DidKeyError('FRAGMENT_MISMATCH', 'a verification method is did:key:z…#z… (the fragment is missing)');
  const keyId = verificationMethod.slice(0, hash);
  const publicKey = parseDidKey(keyId);
  if (verificationMethod.slice(hash + 1) !== keyId.slice(PREFIX.length)) {
    throw new DidKeyError('FRAGMENT_MISMATCH', "the fragment must repeat the key's multibase value");
  }
  if (parsedMethods.size >= MAX_PARSED_METHODS) parsedMethods.delete(parsedMethods.keys().next().value as string);
  parsedMethods.set(verificationMethod, { keyId, publicKey: publicKey.slice() });
  return { keyId, publicKey };
}

const parsedMethods = new Map<string, ParsedVerificationMethod>();
const MAX_PARSED_METHODS = 1_024;

/**
 * `keyHash = keccak256(utf8(keyId))` as lowercase 0x-hex (a bytes32 for the contract's `revoke`).
 *
 * Preconditions: `keyId` is a bare did:key accepted by {@link parseDidKey} (throws otherwise), and
 * `initMerkle()` of `@stackledger/merkle` has resolved (the keccak is its WebAssembly one).
 */
export function keyHash(keyId: string): string {
  parseDidKey(keyId);
  return toHex(keccak256Utf8(keyId));
}
