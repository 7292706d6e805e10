import {
  KeyFileError,
  decodeSecretKeyMultibase,
  didKeyFromPublicKey,
  generateKeyPair,
  keyFileFromKeyPair,
  keyPairFromKeyFile,
  nobleBackend,
} from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { w3c } from './testing/w3c-vectors';

const fieldOf = (work: () => unknown): string => {
  try {
    work();
    return 'none';
  } catch (error) {
    return error instanceof KeyFileError ? error.field : `other: ${String(error)}`;
  }
};

describe('issuer key files', () => {
  const pair = generateKeyPair(nodeCryptoBackend);
  const file = keyFileFromKeyPair(pair);

  it('round-trip through JSON text with either backend', () => {
    expect(file).toEqual({
      type: 'StackLedgerIssuerKey',
      keyId: didKeyFromPublicKey(pair.publicKey),
      publicKeyMultibase: expect.stringMatching(/^z6Mk/),
      secretKeyMultibase: expect.stringMatching(/^z3u2/),
    });
    for (const backend of [nobleBackend, nodeCryptoBackend]) {
      expect(keyPairFromKeyFile(backend, JSON.stringify(file, null, 2))).toEqual(pair);
    }
  });

  it("write the W3C vector's key pair in the same Multikey encodings", () => {
    const secretKey = decodeSecretKeyMultibase(w3c.keyPair.privateKeyMultibase);
    const written = keyFileFromKeyPair({ secretKey, publicKey: nobleBackend.publicKeyOf(secretKey) });
    expect(written.publicKeyMultibase).toBe(w3c.keyPair.publicKeyMultibase);
    expect(written.secretKeyMultibase).toBe(w3c.keyPair.privateKeyMultibase);
  });

  it.each([
    ['not JSON', '{"type":', 'file'],
    ['an array', '[]', 'file'],
    ['an unknown member', { ...file, comment: 'x' }, 'comment'],
    ['a missing key id', { ...file, keyId: undefined }, 'keyId'],
    ['another type', { ...file, type: 'Multikey' }, 'type'],
    ['a public key as secret', { ...file, secretKeyMultibase: file.publicKeyMultibase }, 'secretKeyMultibase'],
    ['a truncated secret', { ...file, secretKeyMultibase: file.secretKeyMultibase.slice(0, -2) }, 'secretKeyMultibase'],
    [
      'another public key',
      { ...file, publicKeyMultibase: keyFileFromKeyPair(generateKeyPair(nobleBackend)).publicKeyMultibase },
      'publicKeyMultibase',
    ],
    ['another key id', { ...file, keyId: keyFileFromKeyPair(generateKeyPair(nobleBackend)).keyId }, 'keyId'],
    ['a verification method as key id', { ...file, keyId: `${file.keyId}#${file.publicKeyMultibase}` }, 'keyId'],
  ])('refuse %s, naming the member', (_what, value, field) => {
    const input = typeof value === 'string' ? value : JSON.parse(JSON.stringify(value));
    expect(fieldOf(() => keyPairFromKeyFile(nodeCryptoBackend, input))).toBe(field);
  });
});
