import { domainErrorOf } from '../testing/given';
import { createCredentialDocument } from './credential-document';
import { ISSUED_AT, newCredential, SALT } from '../testing/credential.fixtures';

describe('credential document', () => {
  it('holds exactly the credential fields, optional ones omitted, with defaults applied', () => {
    const document = createCredentialDocument(newCredential());
    expect(document).toStrictEqual({
      id: '3b241101-e2bb-4255-8caf-4136c566a962',
      issuerId: 'iss-1',
      learnerId: 'ABC-123456789012',
      title: 'Data Analytics with Python',
      skills: ['python', 'pandas'],
      credits: '4',
      hours: 120,
      level: 4.5,
      creditBasis: 'ncrf',
      assessment: 'project',
      issuedAt: ISSUED_AT,
      validUntil: '2033-03-01T10:00:00.000Z',
      salt: SALT,
    });
    expect(Object.keys(document)).not.toContain('description');
    expect(JSON.parse(JSON.stringify(document))).toStrictEqual(document);
  });

  it('keeps the optional fields when given, normalised', () => {
    const document = createCredentialDocument(
      newCredential({
        description: '  Twelve weeks of applied analytics. ',
        evidenceUrl: 'https://evidence.example.edu/c/42',
        validUntil: '2028-03-01',
        creditBasis: 'ects',
        credits: 450,
        title: ' Data Analytics ',
        skills: [' python '],
      }),
    );
    expect(document).toMatchObject({
      description: 'Twelve weeks of applied analytics.',
      evidenceUrl: 'https://evidence.example.edu/c/42',
      validUntil: '2028-03-01T00:00:00.000Z',
      creditBasis: 'ects',
      credits: '4.5',
      title: 'Data Analytics',
      skills: ['python'],
    });
  });

  it('omits a blank description and an empty evidence URL', () => {
    const document = createCredentialDocument(newCredential({ description: '  ', evidenceUrl: '' }));
    expect('description' in document || 'evidenceUrl' in document).toBe(false);
  });

  it('turns 29 February into 28 February seven years on', () => {
    const document = createCredentialDocument({ ...newCredential(), issuedAt: '2024-02-29T08:30:00Z' });
    expect([document.issuedAt, document.validUntil]).toEqual(['2024-02-29T08:30:00.000Z', '2031-02-28T08:30:00.000Z']);
  });

  it.each([
    ['salt', { salt: '5a'.repeat(32) }],
    ['salt', { salt: `0x${'5A'.repeat(32)}` }],
    ['salt', { salt: `0x${'5a'.repeat(31)}` }],
    ['id', { id: '' }],
    ['issuerId', { issuerId: 'iss 1' }],
    ['issuedAt', { issuedAt: 'now' }],
  ])('rejects a bad %s', (field, overrides) => {
    const error = domainErrorOf(() => createCredentialDocument({ ...newCredential(), ...overrides }));
    expect(error.field).toBe(field);
    expect(error.kind).toBe('validation');
  });
});
