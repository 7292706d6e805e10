import {
  badgeMismatches,
  creditsNumber,
  OPEN_BADGE_CONTEXT,
  readCredentialDocument,
  STACKLEDGER_PROOF_TYPE,
  toOpenBadgeCredential,
  verifyCredentialDocument,
  type OpenBadgeCredential,
} from './open-badge';
import type { ProofBundle } from './proof-bundle';
import { buildBatch, bundleOf, CONTRACT, InMemoryAnchorReader, keyOf, ledgerEvents, type BuiltBatch } from './testing/bundle.fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
const ISSUER = { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', name: 'IIT Madras Online' };
const clone = <T>(v: T): any => JSON.parse(JSON.stringify(v));

let batch: BuiltBatch;
let bundle: ProofBundle;
let badge: OpenBadgeCredential;
let chain: InMemoryAnchorReader;

beforeAll(async () => {
  batch = await buildBatch(0, ledgerEvents(1, 7));
  bundle = bundleOf(batch, 4);
  badge = toOpenBadgeCredential(bundle, ISSUER);
});
beforeEach(() => {
  chain = new InMemoryAnchorReader().anchor(batch, 1_768_471_203);
});

const verify = (input: unknown) => verifyCredentialDocument(input, { reader: chain, trustedContract: CONTRACT, now: NOW });

describe('toOpenBadgeCredential: the OB3 / VC 2.0 mapping', () => {
  it('maps every credential field to its OB3 member and embeds the bundle as the proof', () => {
    const c = bundle.credential;
    expect(badge).toEqual({
      '@context': [...OPEN_BADGE_CONTEXT],
      id: `urn:uuid:${c.id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: c.title,
      issuer: { id: `urn:uuid:${ISSUER.id}`, type: ['Profile'], name: 'IIT Madras Online' },
      validFrom: c.issuedAt,
      validUntil: c.validUntil,
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [{ type: 'IdentityObject', identityHash: c.learnerId, identityType: 'ext:StackLedgerLearnerId', hashed: false }],
        creditsEarned: 4.5,
        achievement: {
          id: `urn:uuid:${c.id}#achievement`,
          type: ['Achievement'],
          achievementType: 'MicroCredential',
          name: c.title,
          description: c.title,
          criteria: {
            narrative: expect.stringContaining('Assessment: proctored-exam; 135 notional learning hours; credits on the NCrF basis'),
          },
          creditsAvailable: 4.5,
          alignment: [
            expect.objectContaining({
              type: ['Alignment'],
              targetType: 'ext:NCrFLevel',
              targetCode: '4.5',
              targetUrl: 'urn:stackledger:ncrf-level:4.5',
            }),
          ],
          tag: ['sql', 'data cleaning'],
        },
      },
      proof: [{ type: STACKLEDGER_PROOF_TYPE, proofPurpose: 'assertionMethod', verificationMethod: `eip155:31337:${CONTRACT}`, bundle }],
    });
  });

  it('a qualification is a Certificate; a description is used when present', async () => {
    const q = clone(bundle);
    q.event.type = 'QualificationAwarded';
    q.credential.description = 'Diploma in Data Analytics';
    const a = toOpenBadgeCredential(q, ISSUER).credentialSubject as any;
    expect(a.achievement).toMatchObject({ achievementType: 'Certificate', description: 'Diploma in Data Analytics' });
  });

  it.each([
    ['4', 4],
    ['4.5', 4.5],
    ['0.25', 0.25],
    ['0.1', 0.1],
    ['120.07', 120.07],
    ['9999999999999.99', 9999999999999.99],
  ])('credits %s -> the number %s, and back to the same text', (text, number) => {
    expect(creditsNumber(text)).toBe(number);
    expect(String(creditsNumber(text))).toBe(text);
  });

  it.each(['04.5', '4.50', '1e3', '-1', '99999999999999999.99', ''])('refuses credits %j rather than publish a drifted number', (text) => {
    expect(() => creditsNumber(text)).toThrow(RangeError);
  });
});

describe('readCredentialDocument: bundle or badge', () => {
  it('a bare bundle and anything that is not a VC are read as a bundle', () => {
    expect(readCredentialDocument(bundle)).toEqual({ form: 'proof-bundle', bundle });
    expect(readCredentialDocument('text')).toEqual({ form: 'proof-bundle', bundle: 'text' });
  });

  it('takes the bundle out of a badge proof given as an array or as one object', () => {
    expect(readCredentialDocument(badge)).toMatchObject({ form: 'open-badge', bundle });
    expect(readCredentialDocument({ ...badge, proof: badge.proof[0] })).toMatchObject({ form: 'open-badge', bundle });
  });

  it.each([
    ['a VC that is not a badge', () => ({ ...clone(badge), type: ['VerifiableCredential'] }), 'not an OpenBadgeCredential'],
    [
      'a badge signed another way',
      () => ({ ...clone(badge), proof: [{ type: 'DataIntegrityProof' }] }),
      `no ${STACKLEDGER_PROOF_TYPE} proof`,
    ],
    [
      'a badge with two StackLedger proofs',
      () => ({ ...clone(badge), proof: [badge.proof[0], badge.proof[0]] }),
      `2 ${STACKLEDGER_PROOF_TYPE} proofs`,
    ],
  ])('%s -> an error naming why', (_name, input, message) => {
    expect(readCredentialDocument(input())).toMatchObject({ form: 'open-badge', error: expect.stringContaining(message) });
  });
});

describe('badgeMismatches: the visible fields against the anchored credential', () => {
  it('none for the badge as mapped, whatever issuer name it shows (the name is not anchored)', () => {
    expect(badgeMismatches(badge, bundle)).toEqual([]);
    expect(badgeMismatches({ ...badge, issuer: { ...(badge.issuer as object), name: 'Other' } }, bundle)).toEqual([]);
  });

  it.each([
    ['title', (b: any) => (b.credentialSubject.achievement.name = 'Advanced Data Science'), 'credentialSubject.achievement.name'],
    ['credential name', (b: any) => (b.name = 'Advanced Data Science'), 'name'],
    ['credits', (b: any) => (b.credentialSubject.achievement.creditsAvailable = 40.5), 'credentialSubject.achievement.creditsAvailable'],
    ['credits earned', (b: any) => (b.credentialSubject.creditsEarned = '4.5'), 'credentialSubject.creditsEarned'],
    ['issuer', (b: any) => (b.issuer.id = 'urn:uuid:00000000-0000-4000-8000-000000000000'), 'issuer.id'],
    ['learner', (b: any) => (b.credentialSubject.identifier[0].identityHash = 'learner-9999'), 'credentialSubject.identifier'],
    ['level', (b: any) => (b.credentialSubject.achievement.alignment[0].targetCode = '6'), 'credentialSubject.achievement.alignment'],
    ['validity', (b: any) => (b.validUntil = '2099-01-01T00:00:00.000Z'), 'validUntil'],
    ['removed achievement', (b: any) => delete b.credentialSubject.achievement, 'credentialSubject.achievement.name'],
  ])('a changed %s is named', (_name, change, path) => {
    const forged = clone(badge);
    change(forged);
    expect(badgeMismatches(forged, bundle).map((m) => m.split(':')[0])).toContain(path);
  });
});

describe('verifyCredentialDocument', () => {
  it('a badge as served -> valid, with the bundle facts and the badge check in the trail', async () => {
    const r = await verify(badge);
    expect(r).toMatchObject({
      form: 'open-badge',
      verdict: 'valid',
      facts: { title: bundle.credential.title, credits: '4.5', credentialKey: keyOf(bundle) },
    });
    expect(r.checks).toContainEqual({ step: 1, name: 'Open Badge fields equal the anchored credential', ok: true, detail: undefined });
  });

  it('a bare bundle -> exactly what verifyBundle says, tagged as a bundle', async () => {
    expect(await verify(bundle)).toMatchObject({ form: 'proof-bundle', verdict: 'valid' });
  });

  it('a badge with its name changed -> tampered though the chain confirms the bundle; facts are claims', async () => {
    const forged = clone(badge);
    forged.credentialSubject.achievement.name = 'Advanced Data Science';
    const r = await verify(forged);
    expect(r).toMatchObject({ form: 'open-badge', verdict: 'tampered', code: 'CREDENTIAL_MISMATCH' });
    expect(r.reason).toContain(
      'credentialSubject.achievement.name: the badge shows "Advanced Data Science", the anchored credential says "Data Wrangling with SQL 4"',
    );
    expect(r.facts?.anchoredAt).toBeUndefined();
  });

  it('a badge whose embedded bundle was changed -> tampered by the bundle checks', async () => {
    const forged = clone(badge);
    forged.proof[0].bundle.credential.credits = '40.5';
    forged.credentialSubject.achievement.creditsAvailable = 40.5;
    forged.credentialSubject.creditsEarned = 40.5;
    expect(await verify(forged)).toMatchObject({
      verdict: 'tampered',
      code: 'CREDENTIAL_MISMATCH',
      reason: expect.stringContaining('recorded in the ledger event'),
    });
  });

  it('a revoked credential in a badge -> revoked', async () => {
    chain.revoke(keyOf(bundle), 1_768_500_000);
    expect(await verify(badge)).toMatchObject({ verdict: 'revoked' });
  });

  it('a badge without a StackLedger proof -> tampered MALFORMED, without touching the chain', async () => {
    const r = await verify({ ...clone(badge), proof: [] });
    expect(r).toMatchObject({
      verdict: 'tampered',
      code: 'MALFORMED',
      reason: expect.stringMatching(/^malformed Open Badge: an Open Badge with no StackLedgerAnchorProof2026 proof/),
    });
    expect(chain.calls).toBe(0);
  });
});
