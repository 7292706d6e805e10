import { base58 } from '@scure/base';
import { initMerkle, keccak256Utf8, toHex } from '@stackledger/merkle';
import {
  DidKeyError,
  didKeyFromPublicKey,
  keyHash,
  parseDidKey,
  parseVerificationMethod,
  verificationMethodOf,
} from '@stackledger/data-integrity';
import { w3c } from './testing/w3c-vectors';

const W3C_KEY_ID = `did:key:${w3c.keyPair.publicKeyMultibase}`;
const codeOf = (work: () => unknown): string => {
  try {
    work();
    return 'none';
  } catch (error) {
    return error instanceof DidKeyError ? error.code : `other: ${String(error)}`;
  }
};
const tagged = (prefix: number[], length: number) =>
  'did:key:z' + base58.encode(new Uint8Array([...prefix, ...new Uint8Array(length).fill(7)]));

describe('did:key for Ed25519', () => {
  beforeAll(() => initMerkle());

  it('round-trips 32-byte keys; every id starts did:key:z6Mk', () => {
    for (let i = 0; i < 50; i++) {
      const key = crypto.getRandomValues(new Uint8Array(32));
      const id = didKeyFromPublicKey(key);
      expect(id.startsWith('did:key:z6Mk')).toBe(true);
      expect(parseDidKey(id)).toEqual(key);
    }
  });

  it('names the W3C vector key as the vector does, with its verification method', () => {
    const key = parseDidKey(W3C_KEY_ID);
    expect(didKeyFromPublicKey(key)).toBe(W3C_KEY_ID);
    const vm = verificationMethodOf(W3C_KEY_ID);
    expect(vm).toBe((w3c.signed.proof as { verificationMethod: string }).verificationMethod);
    expect(parseVerificationMethod(vm)).toEqual({ keyId: W3C_KEY_ID, publicKey: key });
  });

  it('keyHash is keccak256 of the UTF-8 bare key id, as 0x-hex', () => {
    expect(keyHash(W3C_KEY_ID)).toBe(toHex(keccak256Utf8(W3C_KEY_ID)));
    expect(keyHash(W3C_KEY_ID)).toMatch(/^0x[0-9a-f]{64}$/);
    expect(codeOf(() => keyHash(verificationMethodOf(W3C_KEY_ID)))).toBe('NOT_DID_KEY');
  });

  it.each([
    ['another DID method', 'did:web:example.org', 'NOT_DID_KEY'],
    ['not a string', 42, 'NOT_DID_KEY'],
    ['a fragment on a bare key id', `${W3C_KEY_ID}#x`, 'NOT_DID_KEY'],
    ['a path', `${W3C_KEY_ID}/path`, 'NOT_DID_KEY'],
    ['a query', `${W3C_KEY_ID}?service=x`, 'NOT_DID_KEY'],
    ['another multibase (base64url u…)', 'did:key:uO0BAQ', 'BAD_MULTIBASE'],
    ['a character outside base58 (0)', W3C_KEY_ID.replace(/.$/, '0'), 'BAD_MULTIBASE'],
    ['a character outside base58 (l)', W3C_KEY_ID.replace(/.$/, 'l'), 'BAD_MULTIBASE'],
    ['an empty value', 'did:key:z', 'BAD_MULTIBASE'],
    ['secp256k1 (0xe7)', tagged([0xe7, 0x01], 33), 'UNSUPPORTED_MULTICODEC'],
    ['x25519 (0xec)', tagged([0xec, 0x01], 32), 'UNSUPPORTED_MULTICODEC'],
    ['an Ed25519 private key (0x1300)', tagged([0x80, 0x26], 32), 'UNSUPPORTED_MULTICODEC'],
    ['31 key bytes', tagged([0xed, 0x01], 31), 'WRONG_KEY_LENGTH'],
    ['33 key bytes', tagged([0xed, 0x01], 33), 'WRONG_KEY_LENGTH'],
  ])('refuses %s', (_what, value, code) => {
    expect(codeOf(() => parseDidKey(value))).toBe(code);
  });

  it.each([
    ['no fragment', W3C_KEY_ID, 'FRAGMENT_MISMATCH'],
    ['another key as fragment', `${W3C_KEY_ID}#${didKeyFromPublicKey(new Uint8Array(32)).slice(8)}`, 'FRAGMENT_MISMATCH'],
    ['an arbitrary fragment', `${W3C_KEY_ID}#key-1`, 'FRAGMENT_MISMATCH'],
    ['an empty fragment', `${W3C_KEY_ID}#`, 'FRAGMENT_MISMATCH'],
    ['two fragments', `${verificationMethodOf(W3C_KEY_ID)}#z6Mk`, 'FRAGMENT_MISMATCH'],
    ['a did:web method', 'did:web:example.org#key-1', 'NOT_DID_KEY'],
  ])('refuses a verification method with %s', (_what, value, code) => {
    expect(codeOf(() => parseVerificationMethod(value))).toBe(code);
  });

  it('refuses to name a key that is not 32 bytes', () => {
    expect(codeOf(() => didKeyFromPublicKey(new Uint8Array(33)))).toBe('WRONG_KEY_LENGTH');
  });
});
