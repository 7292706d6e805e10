import { keccak256, readyKeccak } from './keccak';
import { WINDOW, type KeccakWasm } from './keccak-wasm';

/**
 * Many keccak256 digests per call into WASM, for callers that hash whole pages of messages (the
 * store computing leaves, the audit replay): a group of messages is laid end to end in the input
 * window with a table of offsets, and one call hashes the lot. Per-message results equal
 * {@link keccak256} / `keccak256Utf8` exactly; these only save the per-call crossing.
 */

/** Messages per call; their digests and offset table take the front of the window, their bytes the rest. */
const GROUP = 4096;
const OFFSETS = GROUP * 32;
const DATA = OFFSETS + (GROUP + 1) * 4 + 60;
const DATA_CAP = WINDOW - DATA;

/**
 * keccak256 of each message `data[offsets[i] .. offsets[i + 1])`, as `offsets.length - 1` digests
 * of 32 bytes laid end to end.
 *
 * Preconditions: keccak initialised; `offsets` is non-empty, of non-decreasing integers within
 * `0..data.length` (throws `RangeError` otherwise).
 */
export function keccak256Batch(data: Uint8Array, offsets: ArrayLike<number>): Uint8Array {
  checkOffsets(data, offsets);
  const k = readyKeccak();
  const count = offsets.length - 1;
  const out = new Uint8Array(count * 32);
  const table = (k.input + OFFSETS) >>> 2;
  for (let i = 0; i < count; ) {
    const start = offsets[i];
    let end = i;
    while (end < count && end - i < GROUP && offsets[end + 1] - start <= DATA_CAP) end++;
    if (end === i) {
      // Longer than the window on its own: streamed in pieces by keccak256.
      out.set(keccak256(data.subarray(start, offsets[i + 1])), i * 32);
      i++;
      continue;
    }
    k.bytes.set(data.subarray(start, offsets[end]), k.input + DATA);
    for (let m = i; m <= end; m++) k.words[table + m - i] = offsets[m] - start;
    hashGroup(k, end - i, 1, out, i);
    i = end;
  }
  return out;
}

/** keccak256 of the UTF-8 encoding of each text (as `keccak256Utf8`), 32 bytes each, end to end. Preconditions: keccak initialised. */
export function keccak256Utf8Batch(texts: readonly string[]): Uint8Array {
  return hashTexts(texts, 1);
}

/**
 * The Merkle leaf of each text, `keccak256(keccak256(utf8(text)))` (SPEC section 6: for an event's
 * canonical JSON text, its eventHash then its leaf), 32 bytes each, end to end.
 *
 * Preconditions: keccak initialised; texts hold no lone surrogate (see `keccak256Utf8`).
 */
export function leavesOfTexts(texts: readonly string[]): Uint8Array {
  return hashTexts(texts, 2);
}

const utf8 = new TextEncoder();

/** `rounds` = 1: keccak256(utf8(text)); 2: that hashed once more. Texts are encoded straight into WASM memory. */
function hashTexts(texts: readonly string[], rounds: number): Uint8Array {
  const k = readyKeccak();
  const out = new Uint8Array(texts.length * 32);
  const table = (k.input + OFFSETS) >>> 2;
  const area = k.bytes.subarray(k.input + DATA, k.input + WINDOW);
  let first = 0;
  let used = 0;
  const flush = (end: number) => {
    if (end > first) hashGroup(k, end - first, rounds, out, first);
    first = end;
    used = 0;
  };
  for (let i = 0; i < texts.length; i++) {
    if (i - first === GROUP) flush(i);
    const text = texts[i];
    let { read, written } = utf8.encodeInto(text, area.subarray(used));
    if (read < text.length && i > first) {
      flush(i);
      ({ read, written } = utf8.encodeInto(text, area));
    }
    if (read < text.length) {
      // Longer than the window on its own (the group is empty here).
      let digest = keccak256(utf8.encode(text));
      for (let r = 1; r < rounds; r++) digest = keccak256(digest);
      out.set(digest, i * 32);
      first = i + 1;
      continue;
    }
    k.words[table + i - first] = used;
    used += written;
    k.words[table + i - first + 1] = used;
  }
  flush(texts.length);
  return out;
}

/** Hashes the `count` messages staged at DATA with their offsets at OFFSETS; digests to `out` from message `at`. */
function hashGroup(k: KeccakWasm, count: number, rounds: number, out: Uint8Array, at: number): void {
  k.wasm.keccakMany(k.input + DATA, k.input + OFFSETS, count, k.input, rounds);
  out.set(k.bytes.subarray(k.input, k.input + count * 32), at * 32);
}

function checkOffsets(data: Uint8Array, offsets: ArrayLike<number>): void {
  if (offsets.length === 0) throw new RangeError('offsets must hold at least one entry (the start of the first message)');
  for (let i = 0; i < offsets.length; i++) {
    const o = offsets[i];
    if (!Number.isInteger(o) || o < 0 || o > data.length || (i > 0 && o < offsets[i - 1])) {
      throw new RangeError(`offsets[${i}] = ${o}: offsets must be non-decreasing integers within 0..${data.length}`);
    }
  }
}
