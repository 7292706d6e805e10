import {
  didKeyFromPublicKey,
  encodeMultibase,
  generateKeyPair,
  keyPairSigner,
  nobleBackend,
  signDocument,
  signKeyRegistration,
  verifyKeyRegistration,
  verifyProof,
} from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';

const backend = nodeCryptoBackend;
const FIVE_MINUTES = 5 * 60_000;
const now = Date.parse('2026-03-01T10:00:00Z');
const keyPair = generateKeyPair(backend);
const keyId = didKeyFromPublicKey(keyPair.publicKey);
const expected = { issuerId: 'issuer-1', keyId, at: now, windowMs: FIVE_MINUTES };
const registration = signKeyRegistration(backend, keyPair, 'issuer-1', '2026-03-01T09:58:00Z');
const reasonOf = (value: unknown, exp = expected) => {
  const r = verifyKeyRegistration(backend, JSON.parse(JSON.stringify(value)), exp);
  return r.ok ? 'OK' : r.reason;
};

describe('proof of possession (StackLedgerKeyRegistration)', () => {
  it('is the registration document signed by the key it names, and verifies with both backends', () => {
    expect(registration).toMatchObject({
      type: 'StackLedgerKeyRegistration',
      issuerId: 'issuer-1',
      keyId,
      created: '2026-03-01T09:58:00Z',
    });
    expect(registration.proof.verificationMethod).toBe(`${keyId}#${keyId.slice(8)}`);
    for (const b of [nobleBackend, nodeCryptoBackend]) {
      expect(verifyKeyRegistration(b, registration, expected)).toEqual({
        ok: true,
        keyId,
        publicKey: keyPair.publicKey,
        created: registration.created,
      });
    }
    expect(reasonOf(registration, { ...expected, keyId: undefined as unknown as string })).toBe('OK');
  });

  it('refuses a proof made by another key than the one registered', () => {
    const other = generateKeyPair(backend);
    const { proof: _p, ...unsigned } = registration;
    const byOther = signDocument(
      backend,
      unsigned,
      { created: unsigned.created, proofPurpose: 'assertionMethod' },
      keyPairSigner(backend, other),
    );
    expect(reasonOf(byOther)).toBe('KEY_MISMATCH');
    // The other key's own registration is fine, but not when the caller names the first key.
    expect(reasonOf(signKeyRegistration(backend, other, 'issuer-1', unsigned.created))).toBe('KEY_MISMATCH');
    expect(reasonOf({ ...registration, proof: { ...registration.proof, verificationMethod: byOther.proof.verificationMethod } })).toBe(
      'KEY_MISMATCH',
    );
  });

  it('refuses another issuer, whether the document was changed or signed for it', () => {
    expect(reasonOf({ ...registration, issuerId: 'issuer-2' })).toBe('ISSUER_MISMATCH');
    expect(reasonOf({ ...registration, issuerId: 'issuer-2' }, { ...expected, issuerId: 'issuer-2' })).toBe('BAD_SIGNATURE');
    expect(reasonOf(signKeyRegistration(backend, keyPair, 'issuer-2', registration.created))).toBe('ISSUER_MISMATCH');
  });

  it('refuses a created time outside the window, either way, and accepts its edges', () => {
    const at = (created: string) => reasonOf(signKeyRegistration(backend, keyPair, 'issuer-1', created));
    expect(at('2026-03-01T09:55:00Z')).toBe('OK');
    expect(at('2026-03-01T10:05:00Z')).toBe('OK');
    expect(at('2026-03-01T09:54:59.999Z')).toBe('STALE');
    expect(at('2026-03-01T10:05:00.001Z')).toBe('STALE');
    expect(at('2026-02-28T10:00:00Z')).toBe('STALE');
    expect(at('2026-03-01T11:00:00+01:00')).toBe('OK');
    expect(reasonOf({ ...registration, created: '2026-03-01T10:00:00Z' })).toBe('BAD_SIGNATURE');
  });

  it('refuses malformed registrations', () => {
    expect(reasonOf({ ...registration, type: 'KeyRegistration' })).toBe('MALFORMED_REGISTRATION');
    expect(reasonOf({ ...registration, extra: 1 })).toBe('MALFORMED_REGISTRATION');
    expect(reasonOf({ ...registration, created: '2026-03-01T10:00:00' })).toBe('MALFORMED_REGISTRATION');
    expect(reasonOf({ ...registration, keyId: 'did:web:example.org' }, { ...expected, keyId: undefined as unknown as string })).toBe(
      'MALFORMED_REGISTRATION',
    );
    expect(reasonOf([registration])).toBe('MALFORMED_REGISTRATION');
    expect(reasonOf({ ...registration, proof: { ...registration.proof, proofPurpose: 'authentication' } })).toBe('WRONG_PROOF_PURPOSE');
    const hostile = new Proxy(registration, {
      ownKeys: () => {
        throw new Error('boom');
      },
    });
    expect(verifyKeyRegistration(backend, hostile, expected)).toMatchObject({ ok: false, reason: 'MALFORMED_REGISTRATION' });
  });

  it('refuses a small-order key, whose trivial signature (R = identity, S = 0) OpenSSL alone would accept', () => {
    const identityKey = new Uint8Array(32);
    identityKey[0] = 1;
    const weakId = didKeyFromPublicKey(identityKey);
    const trivial = new Uint8Array(64);
    trivial[0] = 1;
    const proof = { ...registration.proof, verificationMethod: `${weakId}#${weakId.slice(8)}`, proofValue: encodeMultibase(trivial) };
    const doc = { ...registration, keyId: weakId, proof };
    expect(reasonOf(doc, { ...expected, keyId: weakId })).toBe('UNACCEPTABLE_KEY');
    for (const b of [nobleBackend, nodeCryptoBackend]) expect(verifyProof(b, doc)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });
});
