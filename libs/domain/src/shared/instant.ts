import { DomainError } from './domain-error';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Reads an ISO-8601 date or date-time (with `Z` or an offset; a bare date means midnight UTC)
 * and returns it in the one form stored everywhere: `YYYY-MM-DDTHH:mm:ss.sssZ`.
 */
export function parseInstant(value: unknown, field: string): string {
  // Every item of a bulk request is issued at the same instant: parsing it once per request, not
  // once per credential, took a few percent of bulk issuance off the API's thread.
  if (value === lastParsed.value) return lastParsed.result;
  const result = parseNewInstant(value, field);
  lastParsed = { value, result };
  return result;
}

/** No input equals a fresh symbol: the caches start empty. */
const NOTHING: unknown = Symbol('nothing yet');
let lastParsed = { value: NOTHING, result: '' };

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
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(y), month - 1)
    && Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 59;
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
export function addCalendarYears(instant: string, years: number): string {
  // The same instant recurs across a bulk request's items (see parseInstant).
  if (instant === lastAdded.instant && years === lastAdded.years) return lastAdded.result;
  const result = calendarYearsLater(instant, years);
  lastAdded = { instant, years, result };
  return result;
}

let lastAdded = { instant: NOTHING, years: 0, result: '' };

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
