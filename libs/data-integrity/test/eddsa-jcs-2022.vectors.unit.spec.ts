import { canonicalJson } from '@stackledger/merkle';
import {
  canonicalProofConfiguration,
  createProof,
  decodeMultibase,
  decodeSecretKeyMultibase,
  didKeyFromPublicKey,
  hashData,
  keyPairSigner,
  nobleBackend,
  parseDidKey,
  transformDocument,
  verifyProof,
  type CryptoBackend,
  type ProofOptions,
} from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { hexOf } from '../src/bytes';
import { w3c } from './testing/w3c-vectors';

const backends: CryptoBackend[] = [nobleBackend, nodeCryptoBackend];
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Signed = Record<string, unknown> & { proof: Record<string, unknown> };

describe('the W3C eddsa-jcs-2022 test vector', () => {
  const secretKey = decodeSecretKeyMultibase(w3c.keyPair.privateKeyMultibase);
  const publicKey = parseDidKey(`did:key:${w3c.keyPair.publicKeyMultibase}`);
  const { proofValue: _omit, ...signedProofOptions } = (w3c.signed as Signed).proof;

  it.each(backends)('its key pair is one pair and its did:key is the one in the proof ($name)', (backend) => {
    expect(backend.publicKeyOf(secretKey)).toEqual(publicKey);
    expect(didKeyFromPublicKey(publicKey)).toBe(`did:key:${w3c.keyPair.publicKeyMultibase}`);
  });

  it('every intermediate value matches: JCS texts, both SHA-256 hashes, hash data', () => {
    expect(transformDocument(w3c.unsigned)).toBe(w3c.canonicalDocument);
    expect(canonicalProofConfiguration(w3c.proofConfig)).toBe(w3c.canonicalProofConfig);
    expect(canonicalProofConfiguration(signedProofOptions)).toBe(w3c.canonicalProofConfig);
    for (const backend of backends) {
      const data = hashData(backend, w3c.canonicalProofConfig, w3c.canonicalDocument);
      expect(hexOf(data.subarray(0, 32))).toBe(w3c.proofConfigHashHex);
      expect(hexOf(data.subarray(32))).toBe(w3c.documentHashHex);
      expect(hexOf(data)).toBe(w3c.hashDataHex);
    }
    expect(hexOf(decodeMultibase(w3c.proofValue))).toBe(w3c.signatureHex);
  });

  it.each(backends)('the signed credential verifies ($name)', (backend) => {
    const result = verifyProof(backend, w3c.signed);
    expect(result).toMatchObject({ ok: true, keyId: `did:key:${w3c.keyPair.publicKeyMultibase}`, publicKey });
    if (result.ok) expect(canonicalJson(result.verifiedDocument)).toBe(w3c.canonicalDocument);
  });

  it.each(backends)('our signer reproduces the proofValue byte for byte from the key and the document ($name)', (backend) => {
    const { '@context': _context, ...options } = w3c.proofConfig;
    const proof = createProof(
      backend,
      clone(w3c.unsigned),
      options as unknown as ProofOptions,
      keyPairSigner(backend, { secretKey, publicKey }),
    );
    expect(proof.proofValue).toBe(w3c.proofValue);
    expect(hexOf(decodeMultibase(proof.proofValue))).toBe(w3c.signatureHex);
    // The document's @context was copied into the proof (step 2 of the algorithm): the whole proof equals the vector's.
    expect(canonicalJson(proof)).toBe(canonicalJson((w3c.signed as Signed).proof));
  });

  /** Changes made to the signed vector, each of which must break it. */
  const tamperings: Array<[string, (doc: Signed) => void]> = [
    ['a document string, one character', (d) => void (d.name = 'Alumni Credentiam')],
    ['a nested document value', (d) => void ((d.credentialSubject as Record<string, unknown>).alumniOf = 'The School of Example')],
    ['an added document member', (d) => void (d.extra = true)],
    ['a removed document member', (d) => void delete d.description],
    ['the array order of the type', (d) => void (d.type as unknown[]).reverse()],
    ['the proof created time, one second', (d) => void (d.proof.created = '2023-02-24T23:36:39Z')],
    ['the proof purpose', (d) => void (d.proof.proofPurpose = 'authentication')],
    ['a member added to the proof options', (d) => void (d.proof.expires = '2030-01-01T00:00:00Z')],
    ['the proof @context dropped', (d) => void delete d.proof['@context']],
    ['the last character of the proofValue', (d) => void (d.proof.proofValue = flipLast(String(d.proof.proofValue)))],
  ];

  it.each(backends.flatMap((b) => tamperings.map(([what, change]) => [b.name, what, b, change] as const)))(
    '%s: changing %s makes it fail',
    (_name, _what, backend, change) => {
      const doc = clone(w3c.signed) as Signed;
      change(doc);
      const result = verifyProof(backend, doc, { expectedProofPurpose: (doc.proof.proofPurpose as string) ?? 'assertionMethod' });
      expect(result).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    },
  );

  it.each(backends)('flipping any single bit of the signature bytes makes it fail ($name)', (backend) => {
    const signature = decodeMultibase(w3c.proofValue);
    for (let bit = 0; bit < 512; bit += 7) {
      const bad = signature.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      expect(backend.verify(bad, hashData(backend, w3c.canonicalProofConfig, w3c.canonicalDocument), publicKey)).toBe(false);
    }
    expect(backend.verify(signature, hashData(backend, w3c.canonicalProofConfig, w3c.canonicalDocument), publicKey)).toBe(true);
  });
});

function flipLast(value: string): string {
  return value.slice(0, -1) + (value.endsWith('X') ? 'Y' : 'X');
}
