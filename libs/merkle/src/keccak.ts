import { keccakWasm, loadKeccakWasm, RATE, WINDOW, type KeccakWasm } from './keccak-wasm';

/**
 * Keccak-256 (the original Keccak padding used by Ethereum, not FIPS SHA3-256), computed by our
 * own WebAssembly module (libs/merkle/assembly/keccak.as): one call into WASM per hash, and one per
 * batch for the batch functions (keccak-batch.ts) and the tree (tree-levels.ts).
 *
 * WASM can only be instantiated asynchronously everywhere (browsers included), so callers
 * `await initKeccak()` once (idempotent) and then use the synchronous functions.
 */

/** Loads the WASM module once; later calls return the same promise. */
export function initKeccak(): Promise<void> {
  if (keccakWasm()) return Promise.resolve();
  return loadKeccakWasm().then(() => undefined);
}

/** Whether {@link initKeccak} has completed. */
export function isKeccakReady(): boolean {
  return keccakWasm() !== undefined;
}

/** The loaded module. Throws before {@link initKeccak} resolved. */
export function readyKeccak(): KeccakWasm {
  const k = keccakWasm();
  if (!k) throw new Error('keccak256 used before initialisation: await initMerkle() (or initKeccak()) first');
  return k;
}

/** Longest piece of a long message fed at once: whole blocks, so only the last piece is padded. */
const PIECE = Math.floor(WINDOW / RATE) * RATE;

/**
 * keccak256 of `data`, as 32 new bytes.
 *
 * Preconditions: {@link initKeccak} has resolved (throws otherwise).
 */
export function keccak256(data: Uint8Array): Uint8Array {
  const k = readyKeccak();
  if (data.length <= WINDOW) {
    k.bytes.set(data, k.input);
    k.wasm.keccak(k.input, data.length, k.digest);
  } else {
    absorbLong(k, data);
  }
  return k.bytes.slice(k.digest, k.digest + 32);
}

/** keccak256 of a message longer than the input window, fed in whole-block pieces; digest at `k.digest`. */
function absorbLong(k: KeccakWasm, data: Uint8Array): void {
  k.wasm.begin();
  let at = 0;
  for (; data.length - at > PIECE; at += PIECE) {
    k.bytes.set(data.subarray(at, at + PIECE), k.input);
    k.wasm.absorbBlocks(k.input, PIECE / RATE);
  }
  const rest = data.length - at;
  const blocks = Math.floor(rest / RATE);
  k.bytes.set(data.subarray(at), k.input);
  k.wasm.absorbBlocks(k.input, blocks);
  k.wasm.finish(k.input + blocks * RATE, rest - blocks * RATE, k.digest);
}

const utf8 = new TextEncoder();

/**
 * keccak256 of the UTF-8 encoding of `text` (WHATWG TextEncoder, the encoding every verifier uses).
 *
 * Preconditions: {@link initKeccak} has resolved; `text` holds no lone surrogate (TextEncoder would
 * replace it with U+FFFD, so two different strings would hash alike; canonicalJson rejects them).
 */
export function keccak256Utf8(text: string): Uint8Array {
  const k = readyKeccak();
  // Encoded straight into WASM memory when it surely fits (UTF-8 takes at most 3 bytes per UTF-16 unit).
  if (text.length * 3 > WINDOW) return keccak256(utf8.encode(text));
  const { written } = utf8.encodeInto(text, k.inputBytes);
  k.wasm.keccak(k.input, written, k.digest);
  return k.bytes.slice(k.digest, k.digest + 32);
}
