import { DomainError } from './domain-error';

function present(value: unknown, field: string): unknown {
  if (value === undefined || value === null) throw new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
  return value;
}

/** Length in Unicode code points, so an emoji or accented letter counts once. */
export function lengthOf(text: string): number {
  return [...text].length;
}

/**
 * A string with no lone UTF-16 surrogate. Canonical JSON (the form every event hash is taken over)
 * has no way to write one, so an event holding it could never be hashed or anchored.
 */
export function requireWellFormed(text: string, field: string): string {
  if (!text.isWellFormed()) {
    throw new DomainError('VALIDATION.FORMAT', `${field} must be well-formed Unicode (it holds a lone UTF-16 surrogate)`, field);
  }
  return text;
}

/** A trimmed, non-blank, well-formed string of at most `max` characters. */
export function requireText(value: unknown, field: string, max: number): string {
  if (typeof present(value, field) !== 'string') throw new DomainError('VALIDATION.TYPE', `${field} must be a string`, field);
  const text = requireWellFormed(value as string, field).trim();
  if (text.length === 0) throw new DomainError('VALIDATION.REQUIRED', `${field} must not be blank`, field);
  if (lengthOf(text) > max) {
    throw new DomainError('VALIDATION.LENGTH', `${field} must be at most ${max} characters`, field);
  }
  return text;
}

/** Absent, null or blank gives undefined, so the field is omitted rather than stored empty. */
export function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return requireText(value, field, max);
}

export function requirePattern(value: unknown, field: string, pattern: RegExp, rule: string): string {
  if (typeof present(value, field) !== 'string') throw new DomainError('VALIDATION.TYPE', `${field} must be a string`, field);
  requireWellFormed(value as string, field);
  if (!pattern.test(value as string)) throw new DomainError('VALIDATION.FORMAT', `${field} must be ${rule}`, field);
  return value as string;
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  present(value, field);
  if (!allowed.includes(value as T)) {
    throw new DomainError('VALIDATION.ONE_OF', `${field} must be one of: ${allowed.join(', ')}`, field);
  }
  return value as T;
}

export function requireWholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof present(value, field) !== 'number') throw new DomainError('VALIDATION.TYPE', `${field} must be a number`, field);
  if (!Number.isInteger(value)) throw new DomainError('VALIDATION.FORMAT', `${field} must be a whole number`, field);
  if ((value as number) < min || (value as number) > max) {
    throw new DomainError('VALIDATION.RANGE', `${field} must be from ${min} to ${max}`, field);
  }
  return value as number;
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(present(value, field))) throw new DomainError('VALIDATION.TYPE', `${field} must be an array`, field);
  return value as unknown[];
}

/** Ids used in stream names and documents: a letter or digit, then up to 127 of `A-Za-z0-9._:-`. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requireId(value: unknown, field: string): string {
  return requirePattern(value, field, ID_PATTERN, 'a letter or digit followed by up to 127 of A-Z a-z 0-9 . _ : -');
}

/** A DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * An internet hostname of at least two labels, in lower case without a trailing dot (`iitm.ac.in`):
 * what `_stackledger.<domain>` TXT records are looked up under. Upper case is lowered; an IP
 * address, a single label or an internationalised name not in its `xn--` form is refused.
 */
export function requireHostname(value: unknown, field: string): string {
  const text = requireText(value, field, 253).toLowerCase();
  const labels = text.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || /^[0-9]+$/.test(labels[labels.length - 1])) {
    throw new DomainError('VALIDATION.FORMAT', `${field} must be a hostname such as university.example.edu`, field);
  }
  return text;
}
