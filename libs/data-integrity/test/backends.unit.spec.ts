import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519';
import { generateKeyPair, isAcceptablePublicKey, nobleBackend } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';

const noble = nobleBackend;
const node = nodeCryptoBackend;
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

describe('the two Ed25519 / SHA-256 backends agree', () => {
  it('on public keys, signatures and SHA-256 for random keys and messages', () => {
    fc.assert(
      fc.property(bytes(32), fc.uint8Array({ maxLength: 300 }), (secret, message) => {
        const publicKey = noble.publicKeyOf(secret);
        expect(node.publicKeyOf(secret)).toEqual(publicKey);
        const signature = noble.sign(message, secret);
        expect(node.sign(message, secret)).toEqual(signature);
        expect(node.sha256(message)).toEqual(noble.sha256(message));
        return noble.verify(signature, message, publicKey) && node.verify(signature, message, publicKey);
      }),
      { numRuns: 200 },
    );
  });

  it('on refusals: a changed message, signature bit or key fails in both', () => {
    fc.assert(
      fc.property(bytes(32), fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(), (secret, message, at) => {
        const publicKey = node.publicKeyOf(secret);
        const signature = node.sign(message, secret);
        const badMessage = message.slice();
        badMessage[at % message.length] ^= 1;
        const badSignature = signature.slice();
        badSignature[at % 64] ^= 1 << (at % 8);
        const badKey = publicKey.slice();
        badKey[at % 32] ^= 1;
        for (const [sig, msg, key] of [
          [signature, badMessage, publicKey],
          [badSignature, message, publicKey],
          [signature, message, badKey],
        ]) {
          expect([noble.verify(sig, msg, key), node.verify(sig, msg, key)]).toEqual([false, false]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('on malformed inputs: false, never a throw', () => {
    const { secretKey, publicKey } = generateKeyPair(node);
    const signature = node.sign(new Uint8Array([1]), secretKey);
    const l = ed25519.CURVE.n;
    // S + L: the same signature with a non-reduced scalar (malleability RFC 8032 forbids).
    const sPlusL = signature.slice();
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]);
    s += l;
    for (let i = 32; i < 64; i++, s >>= 8n) sPlusL[i] = Number(s & 0xffn);
    const inputs: Array<[Uint8Array, Uint8Array, Uint8Array]> = [
      [signature.subarray(0, 63), new Uint8Array([1]), publicKey],
      [new Uint8Array(65), new Uint8Array([1]), publicKey],
      [signature, new Uint8Array([1]), publicKey.subarray(0, 31)],
      [signature, new Uint8Array([1]), new Uint8Array(32).fill(0xff)],
      [new Uint8Array(64), new Uint8Array([1]), publicKey],
      [sPlusL, new Uint8Array([1]), publicKey],
      ['not bytes' as unknown as Uint8Array, new Uint8Array([1]), publicKey],
    ];
    for (const [sig, msg, key] of inputs) {
      expect([noble.verify(sig, msg, key), node.verify(sig, msg, key)]).toEqual([false, false]);
    }
    expect([noble.verify(signature, new Uint8Array([1]), publicKey), node.verify(signature, new Uint8Array([1]), publicKey)]).toEqual([
      true,
      true,
    ]);
  });

  it('refuse every signature under a small-order or mixed-order key (OpenSSL alone accepts R = identity, S = 0 under the identity key)', () => {
    const identityKey = ed25519.Point.ZERO.toBytes();
    const trivial = new Uint8Array(64);
    trivial.set(identityKey, 0);
    const message = new TextEncoder().encode('anything at all');
    expect([noble.verify(trivial, message, identityKey), node.verify(trivial, message, identityKey)]).toEqual([false, false]);
    // An honest key plus a point of order 2: the holder can still sign, but verifiers may disagree, so both refuse.
    const { secretKey, publicKey } = generateKeyPair(node);
    const order2 = ed25519.Point.fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    const mixed = ed25519.Point.fromBytes(publicKey).add(order2).toBytes();
    const signature = node.sign(message, secretKey);
    expect([noble.verify(signature, message, mixed), node.verify(signature, message, mixed)]).toEqual([false, false]);
    expect([noble.verify(signature, message, publicKey), node.verify(signature, message, publicKey)]).toEqual([true, true]);
  });

  it('draw fresh random secret keys', () => {
    for (const backend of [noble, node]) {
      const keys = new Set(Array.from({ length: 20 }, () => Buffer.from(backend.randomSecretKey()).toString('hex')));
      expect(keys.size).toBe(20);
      expect(generateKeyPair(backend).publicKey).toHaveLength(32);
    }
  });
});

describe('isAcceptablePublicKey', () => {
  it('accepts generated keys and refuses small-order, mixed-order and non-point encodings', () => {
    expect(isAcceptablePublicKey(generateKeyPair(node).publicKey)).toBe(true);
    const identity = ed25519.Point.ZERO.toBytes();
    const smallOrder = ed25519.Point.fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'); // order 2
    const honest = ed25519.Point.fromBytes(generateKeyPair(node).publicKey);
    expect(isAcceptablePublicKey(identity)).toBe(false);
    expect(isAcceptablePublicKey(smallOrder.toBytes())).toBe(false);
    expect(isAcceptablePublicKey(honest.add(smallOrder).toBytes())).toBe(false);
    const notCanonical = new Uint8Array(32).fill(0xff);
    notCanonical[31] = 0x7f; // y = 2^255 - 1 >= p
    expect(isAcceptablePublicKey(notCanonical)).toBe(false);
    expect(isAcceptablePublicKey(new Uint8Array(31))).toBe(false);
  });
});
