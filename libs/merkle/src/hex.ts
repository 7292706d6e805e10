/**
 * Hex codec for the public API: lowercase, `0x`-prefixed strings. Input is accepted in either case
 * (wallets and explorers print checksummed or upper-case hex) but always emitted in lowercase, so
 * hex strings compare equal exactly when their bytes do.
 */

const HEX_DIGITS = '0123456789abcdef';
const HEX_PATTERN = /^0x[0-9a-fA-F]*$/;
/** Nibble value by char code (valid after HEX_PATTERN): a table beats parseInt ~10x on big trees. */
const NIBBLE = new Uint8Array(128);
for (let i = 0; i < 16; i++) {
  NIBBLE[HEX_DIGITS.charCodeAt(i)] = i;
  NIBBLE[HEX_DIGITS.toUpperCase().charCodeAt(i)] = i;
}

/** Char codes of the two hex digits of each byte: `HEX_CODES[2b]`, `HEX_CODES[2b+1]`. */
const HEX_CODES = new Uint16Array(512);
for (let b = 0; b < 256; b++) {
  HEX_CODES[2 * b] = HEX_DIGITS.charCodeAt(b >> 4);
  HEX_CODES[2 * b + 1] = HEX_DIGITS.charCodeAt(b & 15);
}
const CHUNK = 8192;
const HASH_CODES = new Uint16Array(66);

/**
 * Encodes bytes as a lowercase `0x`-prefixed string. Built from char codes in one go rather than
 * by `+=`, which leaves V8 rope strings that every later read must flatten (3x slower end to end
 * on a million leaves).
 */
export function toHex(bytes: Uint8Array): string {
  // 32 bytes (a hash) is by far the common case: reuse one buffer for it (sync, so no sharing).
  const codes = bytes.length === 32 ? HASH_CODES : new Uint16Array(2 + bytes.length * 2);
  codes[0] = 48; // '0'
  codes[1] = 120; // 'x'
  for (let i = 0, c = 2; i < bytes.length; i++, c += 2) {
    codes[c] = HEX_CODES[2 * bytes[i]];
    codes[c + 1] = HEX_CODES[2 * bytes[i] + 1];
  }
  if (codes.length <= CHUNK) return charsOf(codes);
  let out = '';
  for (let i = 0; i < codes.length; i += CHUNK) out += charsOf(codes.subarray(i, i + CHUNK));
  return out;
}

/** `apply` takes the typed array as is (spreading it would go through its iterator, ~10x slower). */
function charsOf(codes: Uint16Array): string {
  return String.fromCharCode.apply(null, codes as unknown as number[]);
}

/**
 * Decodes a `0x`-prefixed hex string.
 *
 * Preconditions: `hex` has the `0x` prefix and an even number of hex digits; when `byteLength` is
 * given, it encodes exactly that many bytes. Throws a `TypeError` otherwise (never guesses: a
 * missing digit in a hash must not be silently padded).
 */
export function fromHex(hex: string, byteLength?: number): Uint8Array {
  const out = new Uint8Array(checkedHexLength(hex, byteLength));
  decodeInto(hex, out, 0);
  return out;
}

function checkedHexLength(hex: string, byteLength?: number): number {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !HEX_PATTERN.test(hex)) {
    throw new TypeError(`expected 0x-prefixed hex with an even number of digits, got ${String(hex).slice(0, 80)}`);
  }
  const length = (hex.length - 2) / 2;
  if (byteLength !== undefined && length !== byteLength) {
    throw new TypeError(`expected ${byteLength} bytes of hex, got ${length}`);
  }
  return length;
}

function decodeInto(hex: string, out: Uint8Array, offset: number): void {
  for (let i = offset, c = 2; c < hex.length; i++, c += 2) out[i] = (NIBBLE[hex.charCodeAt(c)] << 4) | NIBBLE[hex.charCodeAt(c + 1)];
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

/**
 * Writes a 32-byte value into `out` at `offset` without allocating (hex is decoded in place):
 * building a million-leaf tree from hex would otherwise allocate a million small arrays.
 *
 * Preconditions: as {@link toBytes32}; `out` has room for 32 bytes at `offset`.
 */
export function writeBytes32(value: Bytes32Like, out: Uint8Array, offset: number): void {
  if (typeof value === 'string') {
    checkedHexLength(value, 32);
    decodeInto(value, out, offset);
  } else {
    out.set(toBytes32(value), offset);
  }
}
