import { instantOf, isXsdDateTime } from '@stackledger/data-integrity';

describe('XML Schema dateTime (proof created)', () => {
  it.each([
    '2023-02-24T23:36:38Z',
    '2026-03-01T10:00:00.123Z',
    '2024-02-29T00:00:00+14:00',
    '2026-03-01T10:00:00',
    '2026-12-31T24:00:00Z',
    '0001-01-01T00:00:00Z',
  ])('accepts %s', (value) => expect(isXsdDateTime(value)).toBe(true));

  it.each([
    '2023-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-01T24:00:01Z',
    '2026-03-01T10:60:00Z',
    '2026-03-01T10:00:60Z',
    '2026-03-01 10:00:00Z',
    '2026-03-01T10:00Z',
    '2026-03-01T10:00:00+15:00',
    '+2026-03-01T10:00:00Z',
    '',
    12,
  ])('refuses %s', (value) => expect(isXsdDateTime(value)).toBe(false));

  it('gives the instant only when a zone is named', () => {
    expect(instantOf('2026-03-01T10:00:00Z')).toBe(Date.parse('2026-03-01T10:00:00Z'));
    expect(instantOf('2026-03-01T11:30:00+01:30')).toBe(Date.parse('2026-03-01T10:00:00Z'));
    expect(instantOf('2026-03-01T10:00:00.5Z')).toBe(Date.parse('2026-03-01T10:00:00.500Z'));
    expect(instantOf('2026-12-31T24:00:00Z')).toBe(Date.parse('2027-01-01T00:00:00Z'));
    expect(instantOf('0050-01-01T00:00:00Z')).toBe(new Date('0050-01-01T00:00:00Z').getTime()); // not 1950
    expect(instantOf('2026-03-01T10:00:00')).toBeUndefined();
  });
});
