import { ErrorCode } from '../shared/domain-error';
import { domainErrorOf } from '../testing/given';
import { CredentialInput, createCredentialDocument } from './credential-document';
import { newCredential } from '../testing/credential.fixtures';
import { creditsMatchHours } from './credential.validate';

const rejectionOf = (overrides: Partial<Record<keyof CredentialInput, unknown>>) => {
  const error = domainErrorOf(() => createCredentialDocument(newCredential(overrides as Partial<CredentialInput>)));
  return [error.code, error.field];
};

describe('credential field rules', () => {
  const cases: Array<[string, Partial<Record<keyof CredentialInput, unknown>>, ErrorCode, string]> = [
    ['learnerId starting with a dot', { learnerId: '.abc' }, 'VALIDATION.FORMAT', 'learnerId'],
    ['learnerId with a slash', { learnerId: 'a/b' }, 'VALIDATION.FORMAT', 'learnerId'],
    ['learnerId of 129 characters', { learnerId: 'a'.repeat(129) }, 'VALIDATION.FORMAT', 'learnerId'],
    ['missing learnerId', { learnerId: undefined }, 'VALIDATION.REQUIRED', 'learnerId'],
    ['blank title', { title: ' ' }, 'VALIDATION.REQUIRED', 'title'],
    ['title of 201 characters', { title: 't'.repeat(201) }, 'VALIDATION.LENGTH', 'title'],
    ['description of 2001 characters', { description: 'd'.repeat(2001) }, 'VALIDATION.LENGTH', 'description'],
    ['skills not an array', { skills: 'python' }, 'VALIDATION.TYPE', 'skills'],
    ['51 skills', { skills: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 'VALIDATION.LENGTH', 'skills'],
    ['a blank skill', { skills: ['python', ' '] }, 'VALIDATION.REQUIRED', 'skills'],
    ['a skill of 101 characters', { skills: ['s'.repeat(101)] }, 'VALIDATION.LENGTH', 'skills'],
    ['a repeated skill', { skills: ['python', ' python'] }, 'VALIDATION.DUPLICATE', 'skills'],
    ['a non-string skill', { skills: [7] }, 'VALIDATION.TYPE', 'skills'],
    ['zero credits', { credits: 0 }, 'VALIDATION.RANGE', 'credits'],
    ['negative credits', { credits: -100 }, 'VALIDATION.RANGE', 'credits'],
    ['credits over 1000', { credits: 100001, hours: 30000 }, 'VALIDATION.RANGE', 'credits'],
    ['fractional hundredths', { credits: 400.5 }, 'CREDIT.INVALID', 'credits'],
    ['zero hours', { hours: 0 }, 'VALIDATION.RANGE', 'hours'],
    ['30001 hours', { hours: 30001 }, 'VALIDATION.RANGE', 'hours'],
    ['fractional hours', { hours: 120.5 }, 'VALIDATION.FORMAT', 'hours'],
    ['level 9', { level: 9 }, 'LEVEL.INVALID', 'level'],
    ['level 4.25', { level: 4.25 }, 'LEVEL.INVALID', 'level'],
    ['unknown basis', { creditBasis: 'ucas' }, 'VALIDATION.ONE_OF', 'creditBasis'],
    ['NCrF credits far from hours', { credits: 500, hours: 120 }, 'CREDENTIAL.CREDITS_HOURS_MISMATCH', 'credits'],
    ['unknown assessment', { assessment: 'quiz' }, 'VALIDATION.ONE_OF', 'assessment'],
    ['validUntil equal to issuedAt', { validUntil: '2026-03-01T10:00:00Z' }, 'CREDENTIAL.VALIDITY_NOT_AFTER_ISSUE', 'validUntil'],
    ['validUntil before issuedAt', { validUntil: '2020-01-01' }, 'CREDENTIAL.VALIDITY_NOT_AFTER_ISSUE', 'validUntil'],
    ['validUntil not a date', { validUntil: 'forever' }, 'VALIDATION.FORMAT', 'validUntil'],
    ['an ftp evidence URL', { evidenceUrl: 'ftp://files.example.edu/a' }, 'VALIDATION.FORMAT', 'evidenceUrl'],
    ['a relative evidence URL', { evidenceUrl: '/evidence/42' }, 'VALIDATION.FORMAT', 'evidenceUrl'],
    ['an evidence URL with a space', { evidenceUrl: 'https://ex.edu/a b' }, 'VALIDATION.FORMAT', 'evidenceUrl'],
    ['an evidence URL without host', { evidenceUrl: 'https://' }, 'VALIDATION.FORMAT', 'evidenceUrl'],
    ['an evidence URL over 2048', { evidenceUrl: `https://ex.edu/${'a'.repeat(2034)}` }, 'VALIDATION.LENGTH', 'evidenceUrl'],
    ['a lone high surrogate in the title', { title: 'Data \ud800' }, 'VALIDATION.FORMAT', 'title'],
    ['a lone low surrogate in the description', { description: '\udc00 notes' }, 'VALIDATION.FORMAT', 'description'],
    ['a lone surrogate in a skill', { skills: ['python', 'sq\udbffl'] }, 'VALIDATION.FORMAT', 'skills'],
    ['a lone surrogate in the evidence URL', { evidenceUrl: 'https://ex.edu/\ud83d' }, 'VALIDATION.FORMAT', 'evidenceUrl'],
    ['a lone surrogate in the learnerId', { learnerId: 'L\ud800' }, 'VALIDATION.FORMAT', 'learnerId'],
  ];

  it.each(cases)('rejects %s', (_label, overrides, code, field) => expect(rejectionOf(overrides)).toEqual([code, field]));

  it.each([
    ['learnerId of 128 characters', { learnerId: `a${'b.:_-'.repeat(25)}bb` }],
    ['50 skills of 100 characters', { skills: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(100, 's')) }],
    ['no skills', { skills: [] }],
    ['description of 2000 characters', { description: 'd'.repeat(2000) }],
    ['1000 credits for 30000 hours', { credits: 100000, hours: 30000 }],
    ['evidence URL of 2048 characters', { evidenceUrl: `http://ex.edu/${'a'.repeat(2034)}` }],
  ])('accepts %s', (_label, overrides) => {
    expect(createCredentialDocument(newCredential(overrides)).learnerId).toBe(
      (overrides as Partial<CredentialInput>).learnerId ?? 'ABC-123456789012',
    );
  });

  it('reports the first bad field in document order', () => {
    expect(rejectionOf({ title: '', level: 99, assessment: 'quiz' })).toEqual(['VALIDATION.REQUIRED', 'title']);
  });
});

describe('credits against hours', () => {
  it.each([
    [400, 120, 'ncrf', true],
    [450, 120, 'ncrf', true],
    [350, 120, 'ncrf', true],
    [451, 120, 'ncrf', false],
    [349, 120, 'ncrf', false],
    [50, 1, 'ncrf', true],
    [54, 1, 'ncrf', false],
    [480, 120, 'ects', true],
    [530, 120, 'ects', true],
    [531, 120, 'ects', false],
    [350, 120, 'ects', true],
    [349, 120, 'ects', false],
  ] as const)('%p hundredths for %p hours under %p: %p', (credits, hours, basis, ok) => {
    expect(creditsMatchHours(credits, hours, basis)).toBe(ok);
  });

  it('agrees with an independent exact reference at every hundredth for sample hours', () => {
    for (const hours of [1, 7, 25, 29, 30, 31, 119, 120, 121, 997, 30000]) {
      for (let c = 1; c <= Math.min(100000, hours * 5 + 100); c++) {
        const ncrf = Math.abs(c * 30 - hours * 100) <= 1500;
        const ects = hours * 100 - 1500 <= c * 30 && c * 25 <= hours * 100 + 1250;
        if (creditsMatchHours(c, hours, 'ncrf') !== ncrf || creditsMatchHours(c, hours, 'ects') !== ects) {
          throw new Error(`disagreement at ${c} hundredths, ${hours} hours`);
        }
      }
    }
  });

  it('the mismatch error names the rule', () => {
    const error = domainErrorOf(() => createCredentialDocument(newCredential({ credits: 500 })));
    expect(error.message).toBe('credits must be within 0.5 of hours / 30 (NCrF: 1 credit = 30 hours)');
  });
});
