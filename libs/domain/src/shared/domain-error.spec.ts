import { DomainError, ERROR_CATALOGUE, isDomainError } from './domain-error';

describe('DomainError', () => {
  it('takes its kind from the catalogue and keeps code, message and field', () => {
    const error = new DomainError('CREDIT.ALREADY_TRANSFERRED', 'the credits of credential c-1 were already transferred', 'credentialIds');
    expect([error.kind, error.code, error.message, error.field, error.name]).toEqual([
      'conflict',
      'CREDIT.ALREADY_TRANSFERRED',
      'the credits of credential c-1 were already transferred',
      'credentialIds',
      'DomainError',
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error, 'CREDIT.ALREADY_TRANSFERRED')).toBe(true);
    expect(isDomainError(error, 'CREDIT.REVOKED')).toBe(false);
    expect(isDomainError(new Error('x'))).toBe(false);
  });

  it('codes are AREA.RULE in upper case and every kind maps to one HTTP status', () => {
    const status = { validation: 400, forbidden: 403, 'not-found': 404, conflict: 409 };
    for (const [code, kind] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
      expect(status[kind]).toBeDefined();
    }
  });

  it.each([
    ['VALIDATION.REQUIRED', 'validation'],
    ['ISSUER.NOT_FOUND', 'not-found'],
    ['CREDENTIAL.NOT_ISSUER', 'forbidden'],
    ['ISSUER.SUSPENDED', 'forbidden'],
    ['CREDENTIAL.ALREADY_REVOKED', 'conflict'],
    ['TRANSFER.SAME_INSTITUTION', 'conflict'],
    ['TRANSFER.EMPTY', 'validation'],
  ] as const)('%s is a %s error', (code, kind) => expect(ERROR_CATALOGUE[code]).toBe(kind));

  it("holds only the areas of the domain's own rules: callers, requests, store, read models and chain are the application's", () => {
    const areas = new Set(Object.keys(ERROR_CATALOGUE).map((code) => code.split('.')[0]));
    // BATCH and REVOCATION: the anchoring record's own rules (claims, contiguous batches and pushes), not the chain's.
    // ACCESS: the learner's consent is decided with the learner's credits (a transfer needs a grant), so its refusals are the domain's.
    expect([...areas].sort()).toEqual([
      'ACCESS',
      'BATCH',
      'CLAIM',
      'CREDENTIAL',
      'CREDIT',
      'GRANT',
      'ISSUER',
      'KEY',
      'LEARNER',
      'LEVEL',
      'PATHWAY',
      'REVOCATION',
      'TRANSFER',
      'VALIDATION',
    ]);
  });
});
