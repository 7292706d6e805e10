/**
 * Hex codec for the public API: lowercase, `0x`-prefixed strings. Input is accepted in either case
 * (wallets and explorers print checksummed or upper-case hex) but always emitted in lowercase, so
 * hex strings compare equal exactly when their bytes do.
 */

const HEX_DIGITS = '0123456789abcdef';
const BYTE_TO_HEX: string[] = Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15]);
const HEX_PATTERN = /^0x(?:[0-9a-fA-F]{2})*$/;

/** Encodes bytes as a lowercase `0x`-prefixed string. */
export function toHex(bytes: Uint8Array): string {
  let out = '0x';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]];
  return out;
}

/**
 * Decodes a `0x`-prefixed hex string.
 *
 * Preconditions: `hex` has the `0x` prefix and an even number of hex digits; when `byteLength` is
 * given, it encodes exactly that many bytes. Throws a `TypeError` otherwise (never guesses: a
 * missing digit in a hash must not be silently padded).
 */
export function fromHex(hex: string, byteLength?: number): Uint8Array {
  if (typeof hex !== 'string' || !HEX_PATTERN.test(hex)) {
    throw new TypeError(`expected 0x-prefixed hex with an even number of digits, got ${String(hex).slice(0, 80)}`);
  }
  const length = (hex.length - 2) / 2;
  if (byteLength !== undefined && length !== byteLength) {
    throw new TypeError(`expected ${byteLength} bytes of hex, got ${length}`);
  }
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.substr(2 + 2 * i, 2), 16);
  return out;
}

/** A 32-byte value as a `Uint8Array` or as 0x-hex. */
export type Bytes32Like = Uint8Array | string;

/**
 * Normalises a 32-byte value to bytes.
 *
 * Preconditions: `value` is a 32-byte `Uint8Array` or 0x-hex of 32 bytes; throws `TypeError` otherwise.
 */
export function toBytes32(value: Bytes32Like): Uint8Array {
  if (typeof value === 'string') return fromHex(value, 32);
  if (value instanceof Uint8Array && value.length === 32) return value;
  throw new TypeError('expected 32 bytes');
}
