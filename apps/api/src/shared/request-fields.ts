import { DomainError, requireWellFormed } from '@stackledger/domain';

/**
 * Shape checks for request bodies: types, presence, and well-formed Unicode (every string of a
 * body is read through `requiredString` or `stringArray`, so a lone surrogate is refused here,
 * named by its field, before any command runs). Value rules (ranges, formats, credit arithmetic)
 * live in the domain, so the API and the domain cannot disagree on them.
 */
export type Body = Record<string, unknown>;

function invalid(field: string, rule: string): DomainError {
  return new DomainError('VALIDATION.TYPE', `${field} ${rule}`, field);
}

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectBody(body: unknown, allowed: readonly string[]): Body {
  if (!isJsonObject(body)) {
    throw new DomainError('VALIDATION.TYPE', 'the request body must be a JSON object', 'body');
  }
  const unknownField = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknownField !== undefined) {
    throw new DomainError('VALIDATION.UNKNOWN_FIELD', `${unknownField} is not a field of this request`, unknownField);
  }
  return body;
}

export function requiredString(body: Body, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  return requireWellFormed(value, field);
}

export function optionalString(body: Body, field: string): string | undefined {
  return body[field] === undefined ? undefined : requiredString(body, field);
}

export function requiredNumber(body: Body, field: string): number {
  const value = body[field];
  if (value === undefined || value === null) throw new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, 'must be a number');
  return value;
}

export function stringArray(body: Body, field: string, required: boolean): string[] {
  const value = body[field];
  if (value === undefined && !required) return [];
  if (value === undefined || value === null) throw new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
  if (!Array.isArray(value)) throw invalid(field, 'must be an array of strings');
  value.forEach((item, index) => {
    if (typeof item !== 'string') throw invalid(`${field}[${index}]`, 'must be a string');
    requireWellFormed(item, `${field}[${index}]`);
  });
  return value as string[];
}

/** Credits arrive as a decimal string or a JSON number; the domain parses both into hundredths. */
export function creditsInput(body: Body, field: string): unknown {
  const value = body[field];
  if (value === undefined || value === null) throw new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
  if (typeof value !== 'string' && typeof value !== 'number') throw invalid(field, 'must be a decimal string or a number');
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function uuidParam(value: string, field: string): string {
  if (!UUID.test(value)) throw new DomainError('VALIDATION.FORMAT', `${field} must be a UUID`, field);
  return value.toLowerCase();
}
