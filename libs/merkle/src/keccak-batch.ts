import { keccak256, readyKeccak } from './keccak';
import { WINDOW, type KeccakWasm } from './keccak-wasm';

/**
 * Many Merkle leaves per call into WASM, for callers that hash whole pages of events (the store's
 * appends, a batch tree of a store without stored leaves): a group of texts is laid end to end in
 * the input window with a table of offsets, and one call hashes the lot. Per-text results equal
 * hashing each text alone; this only saves the per-call crossing.
 */

/** Messages per call; their digests and offset table take the front of the window, their bytes the rest. */
const GROUP = 4096;
const OFFSETS = GROUP * 32;
const DATA = OFFSETS + (GROUP + 1) * 4 + 60;

const utf8 = new TextEncoder();

/**
 * The Merkle leaf of each text, `keccak256(keccak256(utf8(text)))` (for an event's
 * canonical JSON text: its eventHash, then its leaf), 32 bytes each, end to end.
 *
 * Preconditions: keccak initialised; texts hold no lone surrogate (see `keccak256Utf8`).
 */
export function leavesOfTexts(texts: readonly string[]): Uint8Array {
  const k = readyKeccak();
  const out = new Uint8Array(texts.length * 32);
  const table = (k.input + OFFSETS) >>> 2;
  const area = k.bytes.subarray(k.input + DATA, k.input + WINDOW);
  let first = 0;
  let used = 0;
  const flush = (end: number) => {
    if (end > first) hashGroup(k, end - first, out, first);
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
      out.set(keccak256(keccak256(utf8.encode(text))), i * 32);
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

/** Hashes the `count` texts staged at DATA with their offsets at OFFSETS, twice (eventHash, then leaf); leaves to `out` from text `at`. */
function hashGroup(k: KeccakWasm, count: number, out: Uint8Array, at: number): void {
  k.wasm.keccakMany(k.input + DATA, k.input + OFFSETS, count, k.input, 2);
  out.set(k.bytes.subarray(k.input, k.input + count * 32), at * 32);
}
