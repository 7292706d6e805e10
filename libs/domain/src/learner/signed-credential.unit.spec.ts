import { given } from '../testing/given';
import { documentOf, issueCommand } from '../testing/learner.fixtures';
import { ISSUED_AT } from '../testing/credential.fixtures';
import { IssuerSnapshot, SignedIssue } from './learner.commands';
import { learnerDecider } from './learner.decider';

const KEY = `did:key:z6Mk${'a'.repeat(44)}`;
const proof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: `${KEY}#x`, proofValue: 'z1' };
const issuer = (status: 'live' | 'retired' | 'revoked' = 'live'): IssuerSnapshot => ({
  issuerId: 'iss-1',
  status: 'active',
  name: 'Open University',
  domain: 'ou.example',
  keys: { [KEY]: { status, registeredAt: ISSUED_AT } },
});
const signedDoc = (overrides: Record<string, unknown> = {}) => ({
  ...documentOf('c-1'),
  issuer: { id: 'iss-1', name: 'Open University', domain: 'ou.example' },
  proof,
  ...overrides,
});
const signedIssue = (overrides: Partial<SignedIssue> = {}, doc: Record<string, unknown> = signedDoc()): SignedIssue => ({
  credential: doc,
  keyId: KEY,
  receivedAt: ISSUED_AT,
  ...overrides,
});
const spec = given(learnerDecider);

describe('IssueCredential, signed', () => {
  it('stores the signed document as it came, with the Open Badges proof beside it', () =>
    spec([])
      .when(issueCommand('c-1', 'iss-1', { issuer: issuer(), signed: signedIssue({ openBadgeProof: { proofValue: 'z2' } }) }))
      .then([{ type: 'CredentialIssued', data: { credential: signedDoc() as never, openBadgeProof: { proofValue: 'z2' } } }]));
  it('refuses an unsigned credential from an issuer with a live key; allows it once every key is retired', () => {
    spec([])
      .when(issueCommand('c-1', 'iss-1', { issuer: issuer() }))
      .thenThrows('CREDENTIAL.SIGNATURE_REQUIRED', 'credential');
    expect(learnerDecider.decide(issueCommand('c-1', 'iss-1', { issuer: issuer('retired') }), learnerDecider.initialState())).toHaveLength(
      1,
    );
  });
  it.each([
    ['retired', 'KEY.RETIRED'],
    ['revoked', 'KEY.REVOKED'],
  ] as const)('refuses a key %s', (status, code) =>
    spec([])
      .when(issueCommand('c-1', 'iss-1', { issuer: issuer(status), signed: signedIssue() }))
      .thenThrows(code, 'credential.proof.verificationMethod'),
  );
  it("refuses a key that is not this issuer's", () =>
    spec([])
      .when(issueCommand('c-1', 'iss-1', { issuer: issuer(), signed: signedIssue({ keyId: `did:key:z6Mk${'b'.repeat(44)}` }) }))
      .thenThrows('KEY.NOT_REGISTERED', 'credential.proof.verificationMethod'));
  it("names the issuer a key belongs to when it is another's", () =>
    spec([])
      .when(
        issueCommand('c-1', 'iss-1', {
          issuer: issuer(),
          signed: signedIssue({ keyId: `did:key:z6Mk${'b'.repeat(44)}`, keyOwner: 'iss-2' }),
        }),
      )
      .thenThrows('KEY.OTHER_ISSUER', 'credential.proof.verificationMethod'));
  it('refuses issuedAt more than 5 minutes from the clock', () =>
    spec([])
      .when(issueCommand('c-1', 'iss-1', { issuer: issuer(), signed: signedIssue({ receivedAt: '2026-03-01T10:05:00.001Z' }) }))
      .thenThrows('CREDENTIAL.ISSUED_AT_OUT_OF_WINDOW', 'credential.issuedAt'));
  it('refuses a document not in the canonical form, or with members a credential has not, naming the member', () => {
    const withDoc = (doc: Record<string, unknown>) => issueCommand('c-1', 'iss-1', { issuer: issuer(), signed: signedIssue({}, doc) });
    spec([])
      .when(withDoc(signedDoc({ credits: '4.00' })))
      .thenThrows('CREDENTIAL.NOT_CANONICAL', 'credential.credits');
    spec([])
      .when(withDoc(signedDoc({ note: 'x' })))
      .thenThrows('CREDENTIAL.NOT_CANONICAL', 'credential.note');
  });
  it('refuses an issuer member other than the issuer as registered', () =>
    spec([])
      .when(
        issueCommand('c-1', 'iss-1', { issuer: issuer(), signed: signedIssue({}, signedDoc({ issuer: { id: 'iss-1', name: 'Fake' } })) }),
      )
      .thenThrows('CREDENTIAL.ISSUER_PROFILE_MISMATCH', 'credential.issuer'));
});
