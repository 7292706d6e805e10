import { base58 } from '@scure/base';

/**
 * Multibase base58btc (prefix `z`, Bitcoin alphabet), the only multibase this library reads or
 * writes: did:key identifiers, `proofValue` and key files all use it. Encoding is `@scure/base`'s;
 * decoding is our own, because it runs on every verification and @scure/base's generic radix
 * conversion takes about 3x the time of a `proofValue` check's SHA-256 hashing; tests hold it to
 * @scure/base on random bytes and random strings.
 */

/** `z` + base58btc(bytes). */
export function encodeMultibase(bytes: Uint8Array): string {
  return 'z' + base58.encode(bytes);
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
/** log(58) / log(256): bytes per base58 digit. */
const BYTES_PER_DIGIT = Math.log(58) / Math.log(256);

/**
 * Decodes a base58btc multibase string.
 *
 * Preconditions (each MUST hold, else a `TypeError` is thrown): `text` is a string starting with
 * `z`, followed by at least one character of the Bitcoin base58 alphabet and nothing else. Only
 * one spelling of a byte string exists (each leading `1` is one zero byte, the rest is the number
 * without leading zero digits), so decoding is one-to-one and a value cannot be re-spelled.
 */
export function decodeMultibase(text: unknown): Uint8Array {
  if (typeof text !== 'string' || text.length < 2 || text[0] !== 'z') {
    throw new TypeError('expected a base58btc multibase string (starting with "z")');
  }
  return decodeBase58(text, 1);
}

/** Base58 digits of `text` from `start`, as bytes: leading `1`s are zero bytes, the rest a big-endian number. */
function decodeBase58(text: string, start: number): Uint8Array {
  let zeros = 0;
  while (start + zeros < text.length && text.charCodeAt(start + zeros) === 49) zeros++; // '1'
  const size = Math.ceil((text.length - start - zeros) * BYTES_PER_DIGIT) + 1;
  const number = new Uint8Array(size);
  let used = 0; // bytes of `number` (from its end) holding the value so far
  for (let i = start + zeros; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let carry = code < 128 ? DIGIT[code] : -1;
    if (carry < 0) throw new TypeError('invalid base58btc characters');
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < used) && k >= 0; k--, j++) {
      carry += 58 * number[k];
      number[k] = carry & 0xff;
      carry >>>= 8;
    }
    used = j;
  }
  const out = new Uint8Array(zeros + used);
  out.set(number.subarray(size - used), zeros);
  return out;
}
