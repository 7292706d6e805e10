import fc from 'fast-check';
import { createKeccak, type IHasher } from 'hash-wasm';
import { keccak256 as ethersKeccak, toUtf8Bytes } from 'ethers';
import { initMerkle, keccak256, keccak256Utf8, leavesOfTexts, toHex } from '@stackledger/merkle';
import { RATE, WINDOW } from '../src/keccak-wasm';

/** Two independent implementations to agree with: ethers (JS) and hash-wasm (C compiled to WASM). */
let hashWasm: IHasher;
const theirs = (data: Uint8Array): string => ethersKeccak(data);
const hashWasmHex = (data: Uint8Array): string => {
  hashWasm.init();
  hashWasm.update(data);
  return `0x${hashWasm.digest('hex')}`;
};

beforeAll(async () => {
  await initMerkle();
  hashWasm = await createKeccak(256);
});

const bytes = (length: number, seed = length): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 131 + seed * 7 + (i >> 8)) & 255);

describe('keccak256 (our WASM) against ethers and hash-wasm', () => {
  // Around the 136-byte rate: the padding byte lands in the last block, alone in a block, or both 0x01 and 0x80 share one byte.
  it.each([0, 1, 31, 32, 63, 64, 65, 134, 135, 136, 137, 271, 272, 273, 408, 1000, 2000])('agrees for %i bytes', (n) => {
    const data = bytes(n);
    expect(toHex(keccak256(data))).toBe(theirs(data));
    expect(toHex(keccak256(data))).toBe(hashWasmHex(data));
  });

  it('agrees on random inputs of 0..2000 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 2000 }), (data) => {
        const ours = toHex(keccak256(data));
        return ours === theirs(data) && ours === hashWasmHex(data);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on inputs longer than its 1 MiB window (fed in whole-block pieces)', () => {
    const piece = Math.floor(WINDOW / RATE) * RATE;
    for (const n of [WINDOW, WINDOW + 1, piece, piece + 1, 2 * piece, 2 * piece + RATE - 1, 3 * WINDOW + 17]) {
      const data = bytes(n, 3);
      expect(toHex(keccak256(data))).toBe(hashWasmHex(data));
    }
  });

  it('hashes a view without reading past it, and returns fresh bytes each call', () => {
    const big = bytes(300);
    const view = big.subarray(10, 147);
    const a = keccak256(view);
    const b = keccak256(view);
    expect(toHex(a)).toBe(theirs(big.slice(10, 147)));
    expect(a).not.toBe(b);
    a.fill(0);
    expect(toHex(b)).toBe(theirs(big.slice(10, 147)));
  });

  it('keccak256Utf8 equals keccak256 of the UTF-8 bytes for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => toHex(keccak256Utf8(text)) === theirs(toUtf8Bytes(text))),
      { numRuns: 300 },
    );
    const long = '€'.repeat(WINDOW / 3 + 1);
    expect(toHex(keccak256Utf8(long))).toBe(theirs(toUtf8Bytes(long)));
  });
});

describe('batch hashing', () => {
  const hexes = (flat: Uint8Array): string[] =>
    Array.from({ length: flat.length / 32 }, (_, i) => toHex(flat.subarray(i * 32, i * 32 + 32)));

  it('leavesOfTexts equals hashing each text alone', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 40 }), (texts) => {
        const once = texts.map((t) => theirs(toUtf8Bytes(t)));
        expect(hexes(leavesOfTexts(texts))).toEqual(once.map((h) => ethersKeccak(h)));
      }),
      { numRuns: 100 },
    );
  });

  it('leavesOfTexts across groups, with texts that fill the window and one longer than it', () => {
    const texts = [
      ...Array.from({ length: 5000 }, (_, i) => `{"seq":${i},"é":"${'x'.repeat(i % 50)}"}`),
      '',
      '',
      'a'.repeat(WINDOW - 200_000),
      'b'.repeat(WINDOW + 10),
      '😀'.repeat(1000),
    ];
    const leaves = hexes(leavesOfTexts(texts));
    texts.forEach((t, i) => expect(leaves[i]).toBe(ethersKeccak(ethersKeccak(toUtf8Bytes(t)))));
  });
});
