import { base58 } from '@scure/base';

/**
 * Multibase base58btc (prefix `z`, Bitcoin alphabet), the only multibase this library reads or
 * writes: did:key identifiers, `proofValue` and key files all use it.
 */

/** `z` + base58btc(bytes). */
export function encodeMultibase(bytes: Uint8Array): string {
  return 'z' + base58.encode(bytes);
}

/**
 * Decodes a base58btc multibase string.
 *
 * Preconditions (each MUST hold, else a `TypeError` is thrown): `text` is a string starting with
 * `z`, followed by at least one character of the Bitcoin base58 alphabet and nothing else. The
 * decoded bytes are re-encoded and compared, so only the one canonical spelling of a byte string
 * is accepted.
 */
export function decodeMultibase(text: unknown): Uint8Array {
  if (typeof text !== 'string' || text.length < 2 || text[0] !== 'z') {
    throw new TypeError('expected a base58btc multibase string (starting with "z")');
  }
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(text.slice(1));
  } catch {
    throw new TypeError('invalid base58btc characters');
  }
  if (encodeMultibase(bytes) !== text) throw new TypeError('non-canonical base58btc encoding');
  return bytes;
}
