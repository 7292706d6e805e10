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

  it.each([
    ['2026-02-29'],
    ['2026-13-01'],
    ['2026-04-31T00:00:00Z'],
    ['2026-03-01T24:00:00Z'],
    ['2026-03-01T10:00:00'],
    ['1 March 2026'],
    [''],
    [1767225600000],
  ])('rejects %p', (input) => {
    const error = domainErrorOf(() => parseInstant(input, 'validUntil'));
    expect([error.code, error.field]).toEqual(['VALIDATION.FORMAT', 'validUntil']);
  });

  it('requires a value', () => expect(domainErrorOf(() => parseInstant(undefined, 'at')).code).toBe('VALIDATION.REQUIRED'));

  // It remembers its last answer (a bulk request repeats one instant): that must never leak.
  it('answers a repeated value as the first time, and judges every other value afresh', () => {
    const at = '2026-03-01T15:30:00+05:30';
    expect([parseInstant(at, 'at'), parseInstant(at, 'at')]).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z']);
    expect(parseInstant('2026-03-02', 'at')).toBe('2026-03-02T00:00:00.000Z');
    expect(domainErrorOf(() => parseInstant('', 'validUntil')).field).toBe('validUntil');
    expect(domainErrorOf(() => parseInstant(undefined, 'at')).code).toBe('VALIDATION.REQUIRED');
    expect(parseInstant(at, 'at')).toBe('2026-03-01T10:00:00.000Z');
  });
});

describe('addCalendarYears', () => {
  it.each([
    ['2026-03-01T10:00:00.000Z', '2033-03-01T10:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2033-12-31T23:59:59.999Z'],
    ['2024-02-29T12:00:00.000Z', '2031-02-28T12:00:00.000Z'],
    ['2021-02-28T00:00:00.000Z', '2028-02-28T00:00:00.000Z'],
  ])('seven years after %p is %p', (from, to) => expect(addCalendarYears(from, 7)).toBe(to));

  it('answers each instant and number of years on its own, whatever came before', () => {
    const from = '2024-02-29T12:00:00.000Z';
    expect([addCalendarYears(from, 7), addCalendarYears(from, 4), addCalendarYears(from, 7)]).toEqual([
      '2031-02-28T12:00:00.000Z',
      '2028-02-29T12:00:00.000Z',
      '2031-02-28T12:00:00.000Z',
    ]);
    expect(addCalendarYears('2026-03-01T10:00:00.000Z', 7)).toBe('2033-03-01T10:00:00.000Z');
  });

  it('keeps 29 February when the target year is a leap year', () => {
    expect(addCalendarYears('2024-02-29T00:00:00.000Z', 4)).toBe('2028-02-29T00:00:00.000Z');
  });
});
