import { DomainError, ERROR_CATALOGUE } from '@stackledger/domain';
import { APPLICATION_ERROR_CATALOGUE, ApplicationError, isApplicationError } from './application-error';
import { bodyOf, STATUS_OF_KIND } from './http-exception.filter';

/**
 * Areas (the part of a code before the dot) that concern the service around the domain. ACCESS is
 * the domain's: the learner stream decides a transfer or an award with the learner's grant, and
 * the access policy raises the same codes for reads.
 */
const APPLICATION_AREAS = [
  'AUTH',
  'REQUEST',
  'RATE',
  'ROUTE',
  'STREAM',
  'IDEMPOTENCY',
  'PROJECTION',
  'STORE',
  'ANCHOR',
  'CHAIN',
  'SIGNATURE',
];
const areaOf = (code: string) => code.split('.')[0];

describe('error catalogues', () => {
  const domainCodes = Object.keys(ERROR_CATALOGUE);
  const applicationCodes = Object.keys(APPLICATION_ERROR_CATALOGUE);

  it('share no code and no area', () => {
    expect(domainCodes.filter((code) => applicationCodes.includes(code))).toEqual([]);
    const domainAreas = new Set(domainCodes.map(areaOf));
    expect(applicationCodes.map(areaOf).filter((area) => domainAreas.has(area))).toEqual([]);
  });

  it('the domain catalogue holds no application area, and the application one only those', () => {
    expect(domainCodes.filter((code) => APPLICATION_AREAS.includes(areaOf(code)))).toEqual([]);
    expect(applicationCodes.filter((code) => !APPLICATION_AREAS.includes(areaOf(code)))).toEqual([]);
  });

  it('every kind of either catalogue maps to one 4xx or 5xx status; codes are AREA.RULE', () => {
    for (const [code, kind] of [...Object.entries(ERROR_CATALOGUE), ...Object.entries(APPLICATION_ERROR_CATALOGUE)]) {
      expect(code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
      expect(STATUS_OF_KIND[kind]).toBeGreaterThanOrEqual(400);
      expect(STATUS_OF_KIND[kind]).toBeLessThan(600);
    }
  });

  it.each([
    [new ApplicationError('AUTH.INVALID_KEY', 'the API key is not recognised', 'Authorization'), 401, 'Unauthorized'],
    [new ApplicationError('REQUEST.TOO_LARGE', 'the request body exceeds 10 bytes', 'body'), 413, 'Payload Too Large'],
    [
      new ApplicationError('REQUEST.UNSUPPORTED_ENCODING', 'the request body encoding is not supported', 'body'),
      415,
      'Unsupported Media Type',
    ],
    [new ApplicationError('RATE.LIMITED', 'too many requests'), 429, 'Too Many Requests'],
    [new ApplicationError('CHAIN.UNAVAILABLE', 'anchoring failed'), 503, 'Service Unavailable'],
    [new DomainError('CREDIT.ALREADY_TRANSFERRED', 'already transferred', 'credentialIds'), 409, 'Conflict'],
    [new DomainError('VALIDATION.REQUIRED', 'title is required', 'title'), 400, 'Bad Request'],
  ])('one filter answers %s with its status', (error, statusCode, name) => {
    expect(bodyOf(error)).toEqual({
      statusCode,
      error: name,
      code: error.code,
      message: error.message,
      ...(error.field && { field: error.field }),
    });
  });

  it('an application error keeps its code, kind and field', () => {
    const error = new ApplicationError('IDEMPOTENCY.KEY_REUSED', 'Idempotency-Key was already used', 'Idempotency-Key');
    expect([error.kind, error.name, error.field]).toEqual(['conflict', 'ApplicationError', 'Idempotency-Key']);
    expect(isApplicationError(error, 'IDEMPOTENCY.KEY_REUSED')).toBe(true);
    expect(isApplicationError(error, 'CHAIN.UNAVAILABLE')).toBe(false);
    expect(isApplicationError(new DomainError('CREDIT.REVOKED', 'revoked'))).toBe(false);
  });
});
