import { createKeccak, type IHasher } from 'hash-wasm';

/**
 * Keccak-256 (the original Keccak padding used by Ethereum, not FIPS SHA3-256), backed by ONE
 * hash-wasm instance reused for every call: creating a WASM hasher costs far more than hashing
 * 64 bytes, and the reuse is what makes tree building fast (SPEC section 11).
 *
 * WASM can only be instantiated asynchronously, so callers `await initKeccak()` once (idempotent)
 * and then use the synchronous functions. Sharing one instance is safe because every function
 * runs init/update/digest to completion synchronously, with no await in between.
 */
let hasher: IHasher | undefined;
let pending: Promise<void> | undefined;

/** Loads the WASM hasher once; later calls return the same promise. */
export function initKeccak(): Promise<void> {
  if (hasher) return Promise.resolve();
  pending ??= createKeccak(256).then((h) => {
    hasher = h;
  });
  return pending;
}

/** Whether {@link initKeccak} has completed. */
export function isKeccakReady(): boolean {
  return hasher !== undefined;
}

function ready(): IHasher {
  if (!hasher) throw new Error('keccak256 used before initialisation: await initMerkle() (or initKeccak()) first');
  return hasher;
}

/**
 * keccak256 of `data`, as 32 new bytes.
 *
 * Preconditions: {@link initKeccak} has resolved (throws otherwise).
 */
export function keccak256(data: Uint8Array): Uint8Array {
  const h = ready();
  h.init();
  h.update(data);
  return h.digest('binary');
}

const utf8 = new TextEncoder();

/**
 * keccak256 of the UTF-8 encoding of `text` (WHATWG TextEncoder, the encoding every verifier uses).
 *
 * Preconditions: {@link initKeccak} has resolved; `text` holds no lone surrogate (TextEncoder would
 * replace it with U+FFFD, so two different strings would hash alike; canonicalJson rejects them).
 */
export function keccak256Utf8(text: string): Uint8Array {
  return keccak256(utf8.encode(text));
}
