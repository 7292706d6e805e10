// Keccak-256 (Ethereum: the original 0x01 padding, not FIPS SHA3) in AssemblyScript, built into
// libs/merkle/src/keccak-wasm.generated.ts by `npm run build:keccak` (scripts/build-keccak.mjs).
// The file is not named .ts so that tsc, which knows nothing of u64 or load<T>, leaves it alone.
//
// Why our own WASM rather than a generic hasher: the Merkle tree hashes ~n 64-byte pairs, and per
// call a JS<->WASM init/update/digest round trip cost about as much as the permutation itself. Here
// whole batches (a tree level, a list of messages) are hashed in ONE call; the caller copies its
// input into linear memory above heapStart() and reads 32-byte digests back.
//
// Memory is managed by the caller (runtime stub, nothing is allocated here): every pointer below
// is an offset into the exported memory.

const RATE: usize = 136;
const LANES: usize = 25;

const RC: usize = memory.data<u64>([
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
  0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
  0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
  0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
  0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]);
const STATE: usize = memory.data(<i32>LANES * 8, 16);
const PAD: usize = memory.data(<i32>RATE, 16);

/** First free byte for the caller, after the static data above. */
export function heapStart(): usize {
  return (__heap_base + 15) & ~15;
}

// Keccak-f[1600] on the state at `s`. Lanes live in locals for all 24 rounds (fully unrolled
// theta, rho+pi, chi) so V8 keeps most of them in registers; lane a{x+5y}.
function permute(): void {
  const s = STATE;
  let a0 = load<u64>(s, 0);
  let a1 = load<u64>(s, 8);
  let a2 = load<u64>(s, 16);
  let a3 = load<u64>(s, 24);
  let a4 = load<u64>(s, 32);
  let a5 = load<u64>(s, 40);
  let a6 = load<u64>(s, 48);
  let a7 = load<u64>(s, 56);
  let a8 = load<u64>(s, 64);
  let a9 = load<u64>(s, 72);
  let a10 = load<u64>(s, 80);
  let a11 = load<u64>(s, 88);
  let a12 = load<u64>(s, 96);
  let a13 = load<u64>(s, 104);
  let a14 = load<u64>(s, 112);
  let a15 = load<u64>(s, 120);
  let a16 = load<u64>(s, 128);
  let a17 = load<u64>(s, 136);
  let a18 = load<u64>(s, 144);
  let a19 = load<u64>(s, 152);
  let a20 = load<u64>(s, 160);
  let a21 = load<u64>(s, 168);
  let a22 = load<u64>(s, 176);
  let a23 = load<u64>(s, 184);
  let a24 = load<u64>(s, 192);
  let c0: u64, c1: u64, c2: u64, c3: u64, c4: u64, d0: u64, d1: u64, d2: u64, d3: u64, d4: u64;
  let b0: u64, b1: u64, b2: u64, b3: u64, b4: u64;
  let b5: u64, b6: u64, b7: u64, b8: u64, b9: u64;
  let b10: u64, b11: u64, b12: u64, b13: u64, b14: u64;
  let b15: u64, b16: u64, b17: u64, b18: u64, b19: u64;
  let b20: u64, b21: u64, b22: u64, b23: u64, b24: u64;
  for (let round: usize = 0; round < 24; round++) {
      c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
      c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
      c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
      c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
      c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
      d0 = c4 ^ rotl<u64>(c1, 1);
      d1 = c0 ^ rotl<u64>(c2, 1);
      d2 = c1 ^ rotl<u64>(c3, 1);
      d3 = c2 ^ rotl<u64>(c4, 1);
      d4 = c3 ^ rotl<u64>(c0, 1);
      b0 = a0 ^ d0;
      b10 = rotl<u64>(a1 ^ d1, 1);
      b20 = rotl<u64>(a2 ^ d2, 62);
      b5 = rotl<u64>(a3 ^ d3, 28);
      b15 = rotl<u64>(a4 ^ d4, 27);
      b16 = rotl<u64>(a5 ^ d0, 36);
      b1 = rotl<u64>(a6 ^ d1, 44);
      b11 = rotl<u64>(a7 ^ d2, 6);
      b21 = rotl<u64>(a8 ^ d3, 55);
      b6 = rotl<u64>(a9 ^ d4, 20);
      b7 = rotl<u64>(a10 ^ d0, 3);
      b17 = rotl<u64>(a11 ^ d1, 10);
      b2 = rotl<u64>(a12 ^ d2, 43);
      b12 = rotl<u64>(a13 ^ d3, 25);
      b22 = rotl<u64>(a14 ^ d4, 39);
      b23 = rotl<u64>(a15 ^ d0, 41);
      b8 = rotl<u64>(a16 ^ d1, 45);
      b18 = rotl<u64>(a17 ^ d2, 15);
      b3 = rotl<u64>(a18 ^ d3, 21);
      b13 = rotl<u64>(a19 ^ d4, 8);
      b14 = rotl<u64>(a20 ^ d0, 18);
      b24 = rotl<u64>(a21 ^ d1, 2);
      b9 = rotl<u64>(a22 ^ d2, 61);
      b19 = rotl<u64>(a23 ^ d3, 56);
      b4 = rotl<u64>(a24 ^ d4, 14);
      a0 = b0 ^ (~b1 & b2);
      a1 = b1 ^ (~b2 & b3);
      a2 = b2 ^ (~b3 & b4);
      a3 = b3 ^ (~b4 & b0);
      a4 = b4 ^ (~b0 & b1);
      a5 = b5 ^ (~b6 & b7);
      a6 = b6 ^ (~b7 & b8);
      a7 = b7 ^ (~b8 & b9);
      a8 = b8 ^ (~b9 & b5);
      a9 = b9 ^ (~b5 & b6);
      a10 = b10 ^ (~b11 & b12);
      a11 = b11 ^ (~b12 & b13);
      a12 = b12 ^ (~b13 & b14);
      a13 = b13 ^ (~b14 & b10);
      a14 = b14 ^ (~b10 & b11);
      a15 = b15 ^ (~b16 & b17);
      a16 = b16 ^ (~b17 & b18);
      a17 = b17 ^ (~b18 & b19);
      a18 = b18 ^ (~b19 & b15);
      a19 = b19 ^ (~b15 & b16);
      a20 = b20 ^ (~b21 & b22);
      a21 = b21 ^ (~b22 & b23);
      a22 = b22 ^ (~b23 & b24);
      a23 = b23 ^ (~b24 & b20);
      a24 = b24 ^ (~b20 & b21);

      a0 ^= load<u64>(RC + (round << 3));
  }
  store<u64>(s, a0, 0);
  store<u64>(s, a1, 8);
  store<u64>(s, a2, 16);
  store<u64>(s, a3, 24);
  store<u64>(s, a4, 32);
  store<u64>(s, a5, 40);
  store<u64>(s, a6, 48);
  store<u64>(s, a7, 56);
  store<u64>(s, a8, 64);
  store<u64>(s, a9, 72);
  store<u64>(s, a10, 80);
  store<u64>(s, a11, 88);
  store<u64>(s, a12, 96);
  store<u64>(s, a13, 104);
  store<u64>(s, a14, 112);
  store<u64>(s, a15, 120);
  store<u64>(s, a16, 128);
  store<u64>(s, a17, 136);
  store<u64>(s, a18, 144);
  store<u64>(s, a19, 152);
  store<u64>(s, a20, 160);
  store<u64>(s, a21, 168);
  store<u64>(s, a22, 176);
  store<u64>(s, a23, 184);
  store<u64>(s, a24, 192);
}

function xorBlock(src: usize): void {
  for (let i: usize = 0; i < RATE; i += 8) store<u64>(STATE + i, load<u64>(STATE + i) ^ load<u64>(src + i));
}

/** Starts a message: zero state. */
export function begin(): void {
  memory.fill(STATE, 0, LANES * 8);
}

/** Absorbs `blocks` full 136-byte blocks from `src` (a long message is fed in pieces). */
export function absorbBlocks(src: usize, blocks: usize): void {
  for (; blocks > 0; blocks--, src += RATE) {
    xorBlock(src);
    permute();
  }
}

/** Absorbs the last `len` < 136 bytes with Keccak's 0x01..0x80 padding; writes the digest to `dst`. */
export function finish(src: usize, len: usize, dst: usize): void {
  memory.fill(PAD, 0, RATE);
  memory.copy(PAD, src, len);
  store<u8>(PAD + len, load<u8>(PAD + len) | 0x01);
  store<u8>(PAD + RATE - 1, load<u8>(PAD + RATE - 1) | 0x80);
  xorBlock(PAD);
  permute();
  memory.copy(dst, STATE, 32);
}

/** keccak256 of `len` bytes at `src`, to the 32 bytes at `dst` (which may overlap `src`). */
export function keccak(src: usize, len: usize, dst: usize): void {
  begin();
  const blocks = len / RATE;
  absorbBlocks(src, blocks);
  finish(src + blocks * RATE, len - blocks * RATE, dst);
}

/**
 * keccak256 of `count` messages laid end to end at `data`: message i is bytes
 * [offsets[i], offsets[i+1]) (u32 offsets relative to `data`, count + 1 of them). Digest i goes
 * to dst + 32 i. `rounds` = 2 hashes each digest once more: keccak256(keccak256(m)), the Merkle
 * leaf of an event's canonical text.
 */
export function keccakMany(data: usize, offsets: usize, count: usize, dst: usize, rounds: u32): void {
  for (let i: usize = 0; i < count; i++, dst += 32) {
    const start = load<u32>(offsets + (i << 2));
    const end = load<u32>(offsets + (i << 2), 4);
    keccak(data + start, end - start, dst);
    for (let r: u32 = 1; r < rounds; r++) keccak(dst, 32, dst);
  }
}

// Unsigned big-endian order of two 32-byte nodes: a <= b.
// @ts-ignore: decorator
@inline
function notAfter(a: usize, b: usize): bool {
  for (let i: usize = 0; i < 32; i++) {
    const x = load<u8>(a + i);
    const y = load<u8>(b + i);
    if (x != y) return x < y;
  }
  return true;
}

// keccak256(lo || hi) of two 32-byte nodes: one padded block, written straight into the state.
function hashPair(lo: usize, hi: usize, dst: usize): void {
  const s = STATE;
  store<u64>(s, load<u64>(lo, 0), 0);
  store<u64>(s, load<u64>(lo, 8), 8);
  store<u64>(s, load<u64>(lo, 16), 16);
  store<u64>(s, load<u64>(lo, 24), 24);
  store<u64>(s, load<u64>(hi, 0), 32);
  store<u64>(s, load<u64>(hi, 8), 40);
  store<u64>(s, load<u64>(hi, 16), 48);
  store<u64>(s, load<u64>(hi, 24), 56);
  store<u64>(s, 0x01, 64);
  for (let i: usize = 72; i < LANES * 8; i += 8) store<u64>(s + i, 0);
  store<u64>(s, 0x8000000000000000, 128);
  permute();
  store<u64>(dst, load<u64>(s, 0), 0);
  store<u64>(dst, load<u64>(s, 8), 8);
  store<u64>(dst, load<u64>(s, 16), 16);
  store<u64>(dst, load<u64>(s, 24), 24);
}

/**
 * One level of a batch's Merkle tree: the `count` 32-byte nodes at `src` paired left to
 * right, each pair hashed as keccak256(min || max) (unsigned big-endian), an unpaired last node
 * moved up unchanged; ceil(count / 2) nodes written to `dst` (which may be `src`).
 */
export function levelUp(src: usize, count: usize, dst: usize): void {
  for (let i: usize = 0; i + 1 < count; i += 2, src += 64, dst += 32) {
    const b = src + 32;
    if (notAfter(src, b)) hashPair(src, b, dst);
    else hashPair(b, src, dst);
  }
  if (count & 1) memory.copy(dst, src, 32);
}
