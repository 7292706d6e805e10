import { DomainError } from './domain-error';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a credit amount into integer hundredths. Accepts a decimal string (`"4.5"`) or a JSON
 * number, read through its shortest string form so no float arithmetic ever touches the value.
 */
export function parseCredits(input: unknown, field: string): number {
  if (input === undefined || input === null || input === '') {
    throw new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
  }
  if (typeof input === 'number') return parseDecimal(numberText(input, field), field);
  if (typeof input === 'string') return parseDecimal(input, field);
  throw new DomainError('CREDIT.INVALID', `${field} must be a decimal string or a number`, field);
}

function numberText(input: number, field: string): string {
  if (!Number.isFinite(input)) throw new DomainError('CREDIT.INVALID', `${field} must be a finite number`, field);
  if (input < 0) throw new DomainError('CREDIT.NEGATIVE', `${field} must not be negative`, field);
  const text = String(input);
  if (/e/i.test(text)) {
    throw new DomainError('CREDIT.INVALID', `${field} must be a plain decimal with at most 2 fraction digits`, field);
  }
  return text;
}

function parseDecimal(text: string, field: string): number {
  if (text.startsWith('-')) throw new DomainError('CREDIT.NEGATIVE', `${field} must not be negative`, field);
  const match = DECIMAL.exec(text);
  if (!match) {
    throw new DomainError('CREDIT.INVALID', `${field} must be a decimal like "4" or "4.5" (digits, optional point)`, field);
  }
  const [, wholeDigits, fraction = ''] = match;
  if (fraction.length > 2) {
    throw new DomainError('CREDIT.TOO_PRECISE', `${field} must have at most 2 fraction digits`, field);
  }
  const whole = wholeDigits.replace(/^0+(?=\d)/, '');
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (whole.length > 15 || !Number.isSafeInteger(hundredths)) {
    throw new DomainError('CREDIT.TOO_LARGE', `${field} must be at most ${formatCredits(Number.MAX_SAFE_INTEGER)}`, field);
  }
  return hundredths;
}

/** The canonical form: no sign, no leading zeros, no trailing fractional zeros. */
export function formatCredits(hundredths: number): string {
  if (!Number.isSafeInteger(hundredths) || hundredths < 0) {
    throw new DomainError('CREDIT.INVALID', `credits must be a non-negative whole number of hundredths, got ${hundredths}`, 'credits');
  }
  const whole = Math.floor(hundredths / 100);
  const cents = hundredths % 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

export function isCanonicalCredits(text: string): boolean {
  try {
    return formatCredits(parseCredits(text, 'credits')) === text;
  } catch {
    return false;
  }
}
