import { createCredentialDocument, parseCredits } from '@stackledger/domain';
import { generateKeyPair, nobleBackend, verifyProof, didKeyFromPublicKey } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { openBadgeRendition } from '@stackledger/verifier/open-badge';
import { buildCredential, openBadgeProofOf, signCredential } from '@stackledger/client';

const issuer = { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', name: 'Open University', domain: 'ou.example' };
const fields = { learnerId: 'L-1', title: 'SQL', skills: ['sql'], credits: 4.5, hours: 135, level: 4.5, assessment: 'exam' };
const now = new Date('2026-03-01T10:00:00.123Z');

describe('@stackledger/client: the issuer-side document and its signatures', () => {
  it('builds exactly the document the domain builds (canonical credits, default basis and validity), plus issuer', () => {
    const doc = buildCredential(fields, issuer, { now, id: '6f1c2b0e-8d4a-4c1e-9b7f-2a3d5e6f7a01', salt: `0x${'ab'.repeat(32)}` });
    const { issuer: named, ...rest } = doc as typeof doc & { issuer: unknown };
    expect(named).toEqual(issuer);
    expect(rest).toEqual(
      createCredentialDocument({
        id: '6f1c2b0e-8d4a-4c1e-9b7f-2a3d5e6f7a01',
        issuerId: issuer.id,
        salt: `0x${'ab'.repeat(32)}`,
        issuedAt: now.toISOString(),
        input: { ...fields, credits: parseCredits('4.5', 'credits') },
      }),
    );
    expect(rest).toMatchObject({ credits: '4.5', creditBasis: 'ncrf', validUntil: '2033-03-01T10:00:00.123Z' });
  });

  it('gives a random UUID v4 and 256-bit salt by default; refuses a value the rules refuse, naming the field', () => {
    const doc = buildCredential(fields, issuer);
    expect(doc.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(doc.salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(() => buildCredential({ ...fields, credits: '9' }, issuer)).toThrow(
      expect.objectContaining({ code: 'CREDENTIAL.CREDITS_HOURS_MISMATCH', field: 'credits' }),
    );
  });

  it('signs the credential and its Open Badges rendition with node:crypto; the audited noble backend verifies both', () => {
    const keyPair = generateKeyPair(nodeCryptoBackend);
    const signed = signCredential(nodeCryptoBackend, buildCredential(fields, issuer, { now }), keyPair);
    expect(signed.proof).toMatchObject({ cryptosuite: 'eddsa-jcs-2022', created: '2026-03-01T10:00:00Z', proofPurpose: 'assertionMethod' });
    const checked = verifyProof(nobleBackend, signed, { expectedProofPurpose: 'assertionMethod' });
    expect(checked).toMatchObject({ ok: true, keyId: didKeyFromPublicKey(keyPair.publicKey) });
    const obProof = openBadgeProofOf(nodeCryptoBackend, signed as never, keyPair);
    const rendition = openBadgeRendition(signed as never, { id: issuer.id, name: issuer.name });
    expect(verifyProof(nobleBackend, { ...rendition, proof: obProof }, { expectedProofPurpose: 'assertionMethod' }).ok).toBe(true);
    expect(verifyProof(nobleBackend, { ...rendition, name: 'Other', proof: obProof }, { expectedProofPurpose: 'assertionMethod' }).ok).toBe(
      false,
    );
  });
});
