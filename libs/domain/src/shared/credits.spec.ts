import { domainErrorOf } from '../testing/given';
import { formatCredits, isCanonicalCredits, parseCredits } from './credits';
import { ErrorCode } from './domain-error';

const parse = (input: unknown) => parseCredits(input, 'credits');

/** Deterministic pseudo-random safe integers below `limit` (a linear congruential generator). */
function* samples(count: number, limit: number): Generator<number> {
  let seed = 20260301;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    yield Math.floor((seed / 2147483648) * limit);
  }
}

describe('parseCredits', () => {
  it.each([
    ['4', 400],
    ['4.5', 450],
    ['0.25', 25],
    ['04.50', 450],
    ['0', 0],
    ['0.0', 0],
    ['000', 0],
    ['1000', 100000],
    ['0.01', 1],
    ['12.3', 1230],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('reads the string %p as %p hundredths', (input, hundredths) => expect(parse(input)).toBe(hundredths));

  it.each([
    [4, 400],
    [4.5, 450],
    [0.25, 25],
    [0, 0],
    [-0, 0],
    [0.1, 10],
    [0.07, 7],
    [1.15, 115],
    [123456789.12, 12345678912],
  ])('reads the number %p as %p hundredths', (input, hundredths) => expect(parse(input)).toBe(hundredths));

  const rejected: Array<[string, unknown, ErrorCode]> = [
    ['more than 2 fraction digits', '4.125', 'CREDIT.TOO_PRECISE'],
    ['a trailing zero past 2 digits', '4.500', 'CREDIT.TOO_PRECISE'],
    ['a float artefact', 0.1 + 0.2, 'CREDIT.TOO_PRECISE'],
    ['a 3-digit number', 1.005, 'CREDIT.TOO_PRECISE'],
    ['an exponent number', 1e21, 'CREDIT.INVALID'],
    ['a tiny exponent number', 1e-7, 'CREDIT.INVALID'],
    ['an exponent string', '1e2', 'CREDIT.INVALID'],
    ['NaN', NaN, 'CREDIT.INVALID'],
    ['Infinity', Infinity, 'CREDIT.INVALID'],
    ['a negative number', -1, 'CREDIT.NEGATIVE'],
    ['a negative string', '-4.5', 'CREDIT.NEGATIVE'],
    ['a plus sign', '+4', 'CREDIT.INVALID'],
    ['spaces', ' 4', 'CREDIT.INVALID'],
    ['a bare point', '4.', 'CREDIT.INVALID'],
    ['a leading point', '.5', 'CREDIT.INVALID'],
    ['a comma', '4,5', 'CREDIT.INVALID'],
    ['hex', '0x10', 'CREDIT.INVALID'],
    ['a boolean', true, 'CREDIT.INVALID'],
    ['an object', { value: 4 }, 'CREDIT.INVALID'],
    ['an empty string', '', 'VALIDATION.REQUIRED'],
    ['undefined', undefined, 'VALIDATION.REQUIRED'],
    ['null', null, 'VALIDATION.REQUIRED'],
    ['beyond safe integers', '90071992547409.92', 'CREDIT.TOO_LARGE'],
    ['a huge string', '1'.repeat(30), 'CREDIT.TOO_LARGE'],
    ['a huge number', 1e20, 'CREDIT.TOO_LARGE'],
  ];

  it.each(rejected)('rejects %s', (_label, input, code) => {
    const error = domainErrorOf(() => parseCredits(input, 'amount'));
    expect({ code: error.code, field: error.field, kind: error.kind }).toEqual({ code, field: 'amount', kind: 'validation' });
    expect(error.message.startsWith('amount ')).toBe(true);
  });

  it('names the field and the rule', () => {
    expect(domainErrorOf(() => parse('4.125')).message).toBe('credits must have at most 2 fraction digits');
  });
});

describe('formatCredits', () => {
  it.each([
    [0, '0'],
    [1, '0.01'],
    [10, '0.1'],
    [25, '0.25'],
    [100, '1'],
    [400, '4'],
    [450, '4.5'],
    [405, '4.05'],
    [100000, '1000'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('writes %p hundredths as %p', (hundredths, text) => expect(formatCredits(hundredths)).toBe(text));

  it.each([[-1], [1.5], [NaN], [Infinity], [Number.MAX_SAFE_INTEGER + 1]])('refuses %p', (value) => {
    expect(domainErrorOf(() => formatCredits(value)).code).toBe('CREDIT.INVALID');
  });
});

describe('credits round trips', () => {
  it('format then parse is the identity for every value up to 1000 credits', () => {
    for (let h = 0; h <= 100000; h++) {
      const text = formatCredits(h);
      if (parse(text) !== h) throw new Error(`${h} -> ${text} -> ${parse(text)}`);
    }
  });

  it('the JSON number of every canonical value parses to the same hundredths', () => {
    for (let h = 0; h <= 100000; h++) {
      const value = Number(formatCredits(h));
      if (parse(value) !== h) throw new Error(`${h} -> ${value} -> ${parse(value)}`);
    }
  });

  it('canonical output has no sign, no leading zeros and no trailing fractional zeros', () => {
    const canonical = /^(0|[1-9]\d*)(\.\d?[1-9])?$/;
    for (const h of samples(20000, Number.MAX_SAFE_INTEGER)) {
      const text = formatCredits(h);
      expect(canonical.test(text)).toBe(true);
      expect(parse(text)).toBe(h);
    }
  });

  it('padded inputs parse to the canonical form', () => {
    for (const h of samples(5000, 10_000_000)) {
      const text = formatCredits(h);
      const [whole, fraction = ''] = text.split('.');
      const padded = `00${whole}.${fraction.padEnd(2, '0')}`;
      expect(formatCredits(parse(padded))).toBe(text);
      expect(isCanonicalCredits(text)).toBe(true);
      expect(isCanonicalCredits(padded)).toBe(false);
    }
  });

  it('a third fraction digit is always rejected', () => {
    for (const h of samples(2000, 10_000_000)) {
      const text = `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}${1 + (h % 9)}`;
      expect(domainErrorOf(() => parse(text)).code).toBe('CREDIT.TOO_PRECISE');
    }
  });
});
