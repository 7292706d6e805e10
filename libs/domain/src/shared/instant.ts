import { DomainError } from './domain-error';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * `answer` remembering its last result: every item of a bulk request is issued at the same
 * instant, and parsing it (and adding the validity to it) once per credential took a few percent
 * of bulk issuance off the API's thread. Only results are remembered; a refusal throws each time.
 */
function rememberingLast<A, B>(answer: (a: A, b: B) => string): (a: A, b: B) => string {
  let last: { a: A; b: B; result: string } | undefined;
  return (a, b) => {
    if (last !== undefined && last.a === a && last.b === b) return last.result;
    const result = answer(a, b);
    last = { a, b, result };
    return result;
  };
}

/**
 * Reads an ISO-8601 date or date-time (with `Z` or an offset; a bare date means midnight UTC)
 * and returns it in the one form stored everywhere: `YYYY-MM-DDTHH:mm:ss.sssZ`.
 */
export const parseInstant: (value: unknown, field: string) => string = rememberingLast(parseNewInstant);

function parseNewInstant(value: unknown, field: string): string {
  if (value === undefined || value === null) throw new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
  const match = typeof value === 'string' ? ISO.exec(value) : null;
  if (!match || !realCalendarDate(match)) {
    throw new DomainError('VALIDATION.FORMAT', `${field} must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z`, field);
  }
  const time = Date.parse(value as string);
  const result = Number.isNaN(time) ? undefined : new Date(time).toISOString();
  if (!result || !/^\d{4}-/.test(result)) {
    throw new DomainError('VALIDATION.RANGE', `${field} must fall within the years 0000 to 9999 UTC`, field);
  }
  return result;
}

function realCalendarDate([, y, mo, d, h = '0', mi = '0', s = '0']: RegExpExecArray): boolean {
  const month = Number(mo);
  const day = Number(d);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(Number(y), month - 1) &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s) <= 59
  );
}

function daysInMonth(year: number, monthIndex: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex + 1, 0);
  return date.getUTCDate();
}

/**
 * Same month, day and time `years` later, in UTC. A 29 February with no counterpart becomes
 * 28 February (the last day of that month), so the validity never runs past the anniversary.
 */
export const addCalendarYears: (instant: string, years: number) => string = rememberingLast(calendarYearsLater);

function calendarYearsLater(instant: string, years: number): string {
  const from = new Date(instant);
  const year = from.getUTCFullYear() + years;
  const month = from.getUTCMonth();
  const day = Math.min(from.getUTCDate(), daysInMonth(year, month));
  const to = new Date(from.getTime());
  to.setUTCFullYear(year, month, day);
  return to.toISOString();
}

export function isAtOrAfter(a: string | Date, b: string | Date): boolean {
  return toMillis(a) >= toMillis(b);
}

export function toMillis(value: string | Date): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}
