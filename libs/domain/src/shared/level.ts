import { DomainError } from './domain-error';

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 8;

/** NCrF levels run 1..8 in steps of 0.5 (4.5 = first-year undergraduate certificate). */
export function isLevel(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value * 2) && value >= MIN_LEVEL && value <= MAX_LEVEL;
}

export function parseLevel(input: unknown, field = 'level'): number {
  if (input === undefined || input === null) throw new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
  if (typeof input !== 'number') throw new DomainError('VALIDATION.TYPE', `${field} must be a number`, field);
  if (!isLevel(input)) {
    throw new DomainError('LEVEL.INVALID', `${field} must be an NCrF level from 1 to 8 in steps of 0.5`, field);
  }
  return input;
}
