import { CredentialInput, NewCredential } from '../credential/credential-document';

export const SALT = `0x${'5a'.repeat(32)}`;
export const ISSUED_AT = '2026-03-01T10:00:00.000Z';

export const validInput = (overrides: Partial<CredentialInput> = {}): CredentialInput => ({
  learnerId: 'ABC-123456789012',
  title: 'Data Analytics with Python',
  skills: ['python', 'pandas'],
  credits: 400,
  hours: 120,
  level: 4.5,
  assessment: 'project',
  ...overrides,
});

export const newCredential = (overrides: Partial<CredentialInput> = {}): NewCredential => ({
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  issuerId: 'iss-1',
  salt: SALT,
  issuedAt: ISSUED_AT,
  input: validInput(overrides),
});
