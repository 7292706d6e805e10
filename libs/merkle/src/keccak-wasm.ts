import { KECCAK_WASM_BASE64 } from './keccak-wasm.generated';

/**
 * The keccak WebAssembly module (libs/merkle/assembly/keccak.as) and its linear memory. The
 * module allocates nothing: this side owns the memory above `heapStart()`, copies inputs in and
 * digests out. One instance serves every caller; each call runs to completion synchronously, so
 * the shared scratch memory is never used by two callers at once.
 */

/** The module's exports; every number that is not a length or count is an offset into `memory`. */
export interface KeccakExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapStart(): number;
  begin(): void;
  absorbBlocks(src: number, blocks: number): void;
  finish(src: number, len: number, dst: number): void;
  keccak(src: number, len: number, dst: number): void;
  keccakMany(data: number, offsets: number, count: number, dst: number, rounds: number): void;
  levelUp(src: number, count: number, dst: number): void;
}

// Typed here because the project's TypeScript libs (ES2022, no DOM) do not declare WebAssembly,
// although Node and every browser provide it.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
};

const PAGE = 65_536;
/** Bytes of Keccak-256's rate: long messages are fed in whole multiples of it. */
export const RATE = 136;
/**
 * Scratch memory kept for batches: big enough that a call into WASM does thousands of hashes,
 * small enough to stay in L2 and not to show in a tree's memory figure.
 */
export const WINDOW = 1 << 20;

/**
 * Scratch layout from `heapStart()`: 64 bytes for one-shot digests, then {@link WINDOW} bytes of
 * input. The memory never grows past that: long inputs are fed in pieces, so a large tree or
 * batch does not leave a large WASM memory behind (it cannot shrink).
 */
export class KeccakWasm {
  /** Where one-shot digests are written. */
  readonly digest: number;
  /** Start of the {@link WINDOW}-byte input area. */
  readonly input: number;
  /** The whole memory as bytes. */
  readonly bytes: Uint8Array;
  /** The input area alone (what TextEncoder.encodeInto writes to). */
  readonly inputBytes: Uint8Array;
  /** The whole memory as u32 words (offset tables of batch calls). */
  readonly words: Uint32Array;

  // Not named `exports`: compiled to CommonJS, that name would shadow the module's own exports
  // (WINDOW would read as exports.WINDOW of the WASM instance).
  constructor(readonly wasm: KeccakExports) {
    this.digest = (wasm.heapStart() + 63) & ~63;
    this.input = this.digest + 64;
    const missing = this.input + WINDOW - wasm.memory.buffer.byteLength;
    if (missing > 0) wasm.memory.grow(Math.ceil(missing / PAGE));
    // Taken after the one grow: these views stay valid for the instance's life.
    this.bytes = new Uint8Array(wasm.memory.buffer);
    this.inputBytes = this.bytes.subarray(this.input, this.input + WINDOW);
    this.words = new Uint32Array(wasm.memory.buffer);
  }
}

let instance: KeccakWasm | undefined;
let pending: Promise<KeccakWasm> | undefined;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Instantiates the module once (asynchronously: browsers refuse to compile big modules synchronously). */
export function loadKeccakWasm(): Promise<KeccakWasm> {
  pending ??= WebAssembly.instantiate(decodeBase64(KECCAK_WASM_BASE64), {}).then(({ instance: wasm }) => {
    instance = new KeccakWasm(wasm.exports as KeccakExports);
    return instance;
  });
  return pending;
}

/** The loaded module, or undefined before {@link loadKeccakWasm} resolved. */
export function keccakWasm(): KeccakWasm | undefined {
  return instance;
}
