import fc from 'fast-check';
import {
  ProofCreationError,
  createProof,
  generateKeyPair,
  keyPairSigner,
  nobleBackend,
  signDocument,
  verifyProof,
  type ProofVerification,
} from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';

const backend = nodeCryptoBackend;
const keyPair = generateKeyPair(backend);
const signer = keyPairSigner(backend, keyPair);
const options = { created: '2026-03-01T10:00:00Z', proofPurpose: 'assertionMethod' };

/** A credential shaped like the ledger's (no @context: the section-3 document is plain JSON). */
const credential = {
  id: '0b6f2a0e-6a43-4d2f-9a0e-3f1d2c4b5a69',
  type: 'MicroCredential',
  learnerId: 'learner-7',
  issuer: { id: 'issuer-1', name: 'Hochschule Beispiel', domain: 'uni.example' },
  title: 'Énergie & données — niveau 2 ✓',
  credits: '2.50',
  level: 6,
  salt: '0x' + 'ab'.repeat(32),
  issuedAt: '2026-03-01T10:00:00.000Z',
  validUntil: '2031-03-01T10:00:00.000Z',
};
const signed = signDocument(backend, credential, options, signer);
const reasonOf = (r: ProofVerification) => (r.ok ? 'OK' : r.reason);

describe('eddsa-jcs-2022 proofs', () => {
  it('a signed ledger credential verifies with both backends and names its key', () => {
    for (const b of [nobleBackend, nodeCryptoBackend]) {
      const result = verifyProof(b, JSON.parse(JSON.stringify(signed)));
      expect(result).toMatchObject({
        ok: true,
        keyId: signer.verificationMethod.split('#')[0],
        verificationMethod: signer.verificationMethod,
      });
    }
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      verificationMethod: signer.verificationMethod,
    });
    expect(signed.proof).not.toHaveProperty('@context');
  });

  it('member order does not matter (JCS), but every value does', () => {
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    expect(reasonOf(verifyProof(backend, reordered))).toBe('OK');
    expect(reasonOf(verifyProof(backend, { ...signed, credits: '2.5' }))).toBe('BAD_SIGNATURE');
    expect(reasonOf(verifyProof(backend, { ...signed, level: 6.0000001 }))).toBe('BAD_SIGNATURE');
  });

  it('names each malformed proof with its reason code', () => {
    const withProof = (proof: unknown) => ({ ...credential, proof });
    const cases: Array<[unknown, string]> = [
      [credential, 'MALFORMED_PROOF'],
      [withProof([signed.proof]), 'MALFORMED_PROOF'],
      [withProof('z123'), 'MALFORMED_PROOF'],
      [withProof({ ...signed.proof, proofValue: undefined }), 'MALFORMED_PROOF'],
      [withProof({ ...signed.proof, proofValue: signed.proof.proofValue.replace(/^z/, 'u') }), 'MALFORMED_PROOF'],
      [withProof({ ...signed.proof, proofValue: signed.proof.proofValue + '0' }), 'MALFORMED_PROOF'],
      [withProof({ ...signed.proof, proofValue: 'z' + '1'.repeat(3) }), 'MALFORMED_PROOF'],
      [withProof({ ...signed.proof, created: '2026-02-30T10:00:00Z' }), 'MALFORMED_PROOF'],
      [withProof({ ...signed.proof, verificationMethod: 42 }), 'MALFORMED_PROOF'],
      [withProof({ ...signed.proof, cryptosuite: 'eddsa-rdfc-2022' }), 'UNSUPPORTED_CRYPTOSUITE'],
      [withProof({ ...signed.proof, type: 'Ed25519Signature2020' }), 'UNSUPPORTED_CRYPTOSUITE'],
      [withProof({ ...signed.proof, proofPurpose: 'authentication' }), 'WRONG_PROOF_PURPOSE'],
      [withProof({ ...signed.proof, verificationMethod: 'https://issuer.example/keys#1' }), 'BAD_VERIFICATION_METHOD'],
      [withProof({ ...signed.proof, verificationMethod: signer.verificationMethod.split('#')[0] }), 'BAD_VERIFICATION_METHOD'],
      [withProof({ ...signed.proof, '@context': ['https://www.w3.org/ns/credentials/v2'] }), 'CONTEXT_MISMATCH'],
      [null, 'MALFORMED_DOCUMENT'],
      [[signed], 'MALFORMED_DOCUMENT'],
      [{ ...signed, bad: Number.NaN }, 'MALFORMED_DOCUMENT'],
      [{ ...signed, bad: [undefined] }, 'MALFORMED_DOCUMENT'],
    ];
    expect(cases.map(([doc]) => reasonOf(verifyProof(backend, doc)))).toEqual(cases.map(([, reason]) => reason));
  });

  it('a proof under another key, or a resolver that refuses the key, is refused', () => {
    const other = keyPairSigner(backend, generateKeyPair(backend));
    const forged = { ...signed, proof: { ...signed.proof, verificationMethod: other.verificationMethod } };
    expect(reasonOf(verifyProof(backend, forged))).toBe('BAD_SIGNATURE');
    expect(reasonOf(verifyProof(backend, signed, { resolveKey: () => undefined }))).toBe('BAD_VERIFICATION_METHOD');
    const throwing = () => {
      throw new Error('key retired');
    };
    expect(verifyProof(backend, signed, { resolveKey: throwing })).toMatchObject({
      ok: false,
      reason: 'BAD_VERIFICATION_METHOD',
      message: expect.stringContaining('key retired'),
    });
  });

  describe('@context (a JSON-LD document)', () => {
    const ld = { '@context': ['https://www.w3.org/ns/credentials/v2', { ex: 'https://example.org/#' }], ex: 1 };
    const signedLd = signDocument(backend, ld, options, signer);

    it("is copied into the proof, and the document's must start with it", () => {
      expect(signedLd.proof['@context']).toEqual(ld['@context']);
      expect(reasonOf(verifyProof(backend, signedLd))).toBe('OK');
      expect(reasonOf(verifyProof(backend, { ...signedLd, '@context': ['https://www.w3.org/ns/credentials/v2'] }))).toBe(
        'CONTEXT_MISMATCH',
      );
      expect(
        reasonOf(
          verifyProof(backend, { ...signedLd, '@context': [{ ex: 'https://example.org/#' }, 'https://www.w3.org/ns/credentials/v2'] }),
        ),
      ).toBe('CONTEXT_MISMATCH');
      const { '@context': _dropped, ...noContext } = signedLd;
      expect(reasonOf(verifyProof(backend, noContext))).toBe('CONTEXT_MISMATCH');
    });

    it('values appended to the document @context are outside the signature, and left out of verifiedDocument', () => {
      const extended = { ...signedLd, '@context': [...ld['@context'], 'https://example.org/more'] };
      const result = verifyProof(backend, extended);
      expect(result.ok && result.verifiedDocument['@context']).toEqual(ld['@context']);
    });
  });

  it('creation refuses what it must not sign', () => {
    const code = (work: () => unknown) => {
      try {
        work();
        return 'none';
      } catch (error) {
        return error instanceof ProofCreationError ? error.code : String(error);
      }
    };
    expect(code(() => createProof(backend, signed, options, signer))).toBe('MALFORMED_DOCUMENT');
    expect(code(() => createProof(backend, { a: Number.POSITIVE_INFINITY }, options, signer))).toBe('MALFORMED_DOCUMENT');
    expect(code(() => createProof(backend, credential, { ...options, created: 'yesterday' }, signer))).toBe('MALFORMED_PROOF_OPTIONS');
    expect(code(() => createProof(backend, credential, { ...options, proofValue: 'z1' }, signer))).toBe('MALFORMED_PROOF_OPTIONS');
    expect(code(() => createProof(backend, credential, { ...options, cryptosuite: 'ecdsa-jcs-2019' as never }, signer))).toBe(
      'UNSUPPORTED_CRYPTOSUITE',
    );
    const other = keyPairSigner(backend, generateKeyPair(backend));
    expect(code(() => createProof(backend, credential, { ...options, verificationMethod: other.verificationMethod }, signer))).toBe(
      'SIGNER_MISMATCH',
    );
  });

  it('never throws, whatever JSON it is given as a document or a proof', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(
        json,
        fc.dictionary(
          fc.constantFrom('type', 'cryptosuite', 'proofValue', 'verificationMethod', 'proofPurpose', 'created', '@context'),
          json,
        ),
        (doc, proof) => {
          const results = [
            verifyProof(backend, doc),
            verifyProof(backend, { ...credential, proof }),
            verifyProof(backend, { ...signed, proof: { ...signed.proof, ...proof } }),
          ];
          return results.every((r) => typeof r.ok === 'boolean');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on hostile objects (a throwing getter, a Proxy)', () => {
    const getter = { ...signed };
    Object.defineProperty(getter, 'title', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy(signed, {
      ownKeys: () => {
        throw new Error('boom');
      },
    });
    expect(reasonOf(verifyProof(backend, getter))).toBe('MALFORMED_DOCUMENT');
    expect(reasonOf(verifyProof(backend, proxy))).toBe('MALFORMED_DOCUMENT');
  });
});
