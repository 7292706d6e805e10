import { domainErrorOf } from '../testing/given';
import { isLevel, parseLevel } from './level';

describe('NCrF level', () => {
  it('accepts 1 to 8 in steps of 0.5', () => {
    const accepted = Array.from({ length: 15 }, (_, i) => 1 + i / 2);
    expect(accepted.map((l) => parseLevel(l))).toEqual(accepted);
    expect(accepted.every(isLevel)).toBe(true);
  });

  it.each([[0.5], [0], [8.5], [9], [4.25], [4.1], [-1], [NaN], [Infinity]])('rejects %p as LEVEL.INVALID', (value) => {
    const error = domainErrorOf(() => parseLevel(value));
    expect([error.code, error.field, error.message]).toEqual([
      'LEVEL.INVALID',
      'level',
      'level must be an NCrF level from 1 to 8 in steps of 0.5',
    ]);
  });

  it.each([
    ['4.5', 'VALIDATION.TYPE'],
    [undefined, 'VALIDATION.REQUIRED'],
    [null, 'VALIDATION.REQUIRED'],
  ])('rejects %p with %p', (value, code) => expect(domainErrorOf(() => parseLevel(value)).code).toBe(code));
});
