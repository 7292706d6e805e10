import { domainErrorOf } from '../testing/given';
import { addCalendarYears, parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T15:30:00+05:30', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %p as %p', (input, output) => expect(parseInstant(input, 'at')).toBe(output));

  it.each([['2026-02-29'], ['2026-13-01'], ['2026-04-31T00:00:00Z'], ['2026-03-01T24:00:00Z'], ['2026-03-01T10:00:00'],
    ['1 March 2026'], [''], [1767225600000]])('rejects %p', (input) => {
    const error = domainErrorOf(() => parseInstant(input, 'validUntil'));
    expect([error.code, error.field]).toEqual(['VALIDATION.FORMAT', 'validUntil']);
  });

  it('requires a value', () => expect(domainErrorOf(() => parseInstant(undefined, 'at')).code).toBe('VALIDATION.REQUIRED'));
});

describe('addCalendarYears', () => {
  it.each([
    ['2026-03-01T10:00:00.000Z', '2033-03-01T10:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2033-12-31T23:59:59.999Z'],
    ['2024-02-29T12:00:00.000Z', '2031-02-28T12:00:00.000Z'],
    ['2021-02-28T00:00:00.000Z', '2028-02-28T00:00:00.000Z'],
  ])('seven years after %p is %p', (from, to) => expect(addCalendarYears(from, 7)).toBe(to));

  it('keeps 29 February when the target year is a leap year', () => {
    expect(addCalendarYears('2024-02-29T00:00:00.000Z', 4)).toBe('2028-02-29T00:00:00.000Z');
  });
});
