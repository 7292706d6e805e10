import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initMerkle } from '@stackledger/merkle';
import { verifySignatureOnly } from '../src';
import { buildBatch } from '../src/testing/bundle.fixtures';
import {
  bundleV2,
  credentialEvent,
  issuerKit,
  keyRegisteredEvent,
  signCredential,
  signedCredential,
} from '../src/testing/signed-bundle.fixtures';

/** `--signature-only`: the Data Integrity proof of any document, no chain. */
const W3C_SIGNED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data-integrity', 'test-vectors', 'signedJCS.json'), 'utf8'));
/** A JSON copy (structuredClone's objects come from another realm under jest, which the proof check refuses as non-JSON). */
const copyOf = (v: unknown) => JSON.parse(JSON.stringify(v));
const W3C_KEY = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';

beforeAll(() => initMerkle());

describe('verifySignatureOnly', () => {
  it("the W3C specification's signed credential verifies", () => {
    expect(verifySignatureOnly(W3C_SIGNED)).toMatchObject({
      verdict: 'valid',
      form: 'verifiable-credential',
      proofs: [{ keyId: W3C_KEY, created: '2023-02-24T23:36:38Z' }],
      reason: expect.stringContaining('only who signed it'),
    });
  });

  it.each([
    ['a subject field changed', (d: any) => (d.credentialSubject.alumniOf = 'The School of Forgery')],
    ['a field added', (d: any) => (d.honours = true)],
    ['the proof re-dated', (d: any) => (d.proof.created = '2023-02-24T23:36:39Z')],
    [
      'one signature byte changed',
      (d: any) => (d.proof.proofValue = d.proof.proofValue.slice(0, -1) + (d.proof.proofValue.endsWith('X') ? 'Y' : 'X')),
    ],
  ])('%s -> bad-signature', (_name, change) => {
    const copy = copyOf(W3C_SIGNED);
    change(copy);
    expect(verifySignatureOnly(copy)).toMatchObject({ verdict: 'bad-signature', code: 'BAD_SIGNATURE', failure: 'BAD_SIGNATURE' });
  });

  it("an Open Badge whose proof set holds an anchor proof and the issuer's eddsa-jcs-2022 proof: the signature is checked, the anchor proof skipped", () => {
    const kit = issuerKit(1);
    const badge = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'SQL',
    };
    const { proof } = signCredential(badge, kit) as { proof: unknown };
    const secured = { ...badge, proof: [{ type: 'StackLedgerAnchorProof2026', bundle: {} }, proof] };
    expect(verifySignatureOnly(secured)).toMatchObject({ verdict: 'valid', form: 'open-badge', proofs: [{ keyId: kit.keyId }] });
    expect(verifySignatureOnly({ ...secured, name: 'Advanced SQL' })).toMatchObject({ verdict: 'bad-signature' });
  });

  it('a StackLedger credential, alone or in its /2 bundle', async () => {
    const kit = issuerKit(1);
    const credential = signedCredential(4, kit);
    expect(verifySignatureOnly(credential)).toMatchObject({ verdict: 'valid', form: 'document', proofs: [{ keyId: kit.keyId }] });
    const keys = await buildBatch(0, [keyRegisteredEvent(1, kit)]);
    const batch = await buildBatch(1, [credentialEvent(2, credential)]);
    expect(verifySignatureOnly(bundleV2(batch, 2, keys, 1))).toMatchObject({ verdict: 'valid', form: 'proof-bundle' });
    expect(verifySignatureOnly({ ...credential, credits: '40' })).toMatchObject({ verdict: 'bad-signature' });
  });

  it('no proof, or only proofs of other kinds -> unsigned; not an object -> tampered', () => {
    const { proof: _p, ...bare } = W3C_SIGNED;
    expect(verifySignatureOnly(bare)).toMatchObject({ verdict: 'unsigned', reason: 'the document has no proof' });
    expect(verifySignatureOnly({ ...bare, proof: { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019' } })).toMatchObject({
      verdict: 'unsigned',
      reason: 'the document has no eddsa-jcs-2022 proof (found: ecdsa-rdfc-2019)',
    });
    expect(verifySignatureOnly([W3C_SIGNED])).toMatchObject({ verdict: 'tampered', code: 'MALFORMED' });
  });

  it('a proof under a verification method other than did:key -> bad-signature, saying so', () => {
    const copy = copyOf(W3C_SIGNED);
    copy.proof.verificationMethod = 'https://vc.example/issuers/5678#key-1';
    expect(verifySignatureOnly(copy)).toMatchObject({ verdict: 'bad-signature', failure: 'BAD_VERIFICATION_METHOD' });
  });
});
