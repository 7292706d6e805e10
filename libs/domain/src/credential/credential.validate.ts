import type { CredentialInput } from './credential-document';
import { DomainError } from '../shared/domain-error';
import { isAtOrAfter, parseInstant } from '../shared/instant';
import { parseLevel } from '../shared/level';
import {
  lengthOf,
  optionalText,
  requireArray,
  requireId,
  requireOneOf,
  requireText,
  requireWellFormed,
  requireWholeNumber,
} from '../shared/validation';

export const ASSESSMENT_TYPES = ['exam', 'project', 'portfolio', 'practical', 'oral', 'continuous', 'other'] as const;
export type AssessmentType = (typeof ASSESSMENT_TYPES)[number];

export const CREDIT_BASES = ['ncrf', 'ects'] as const;
export type CreditBasis = (typeof CREDIT_BASES)[number];

export const MAX_CREDENTIAL_CREDITS = 100000;
export const MAX_SKILLS = 50;

/** A `CredentialInput` whose every value rule has been checked: basis and assessment narrowed. */
export type ValidCredentialInput = Omit<CredentialInput, 'creditBasis' | 'assessment'> & {
  creditBasis: CreditBasis;
  assessment: AssessmentType;
};

type UncheckedInput = { readonly [K in keyof ValidCredentialInput]?: unknown };

/** Checks every field in document order, so the first error reported is the first bad field. */
export function validateCredentialInput(input: UncheckedInput, issuedAt: string): ValidCredentialInput {
  const learnerId = requireId(input.learnerId, 'learnerId');
  const title = requireText(input.title, 'title', 200);
  const description = optionalText(input.description, 'description', 2000);
  const skills = requireSkills(input.skills);
  const credits = requireCredentialCredits(input.credits);
  const hours = requireWholeNumber(input.hours, 'hours', 1, 30000);
  const level = parseLevel(input.level, 'level');
  const creditBasis = requireOneOf(input.creditBasis ?? 'ncrf', 'creditBasis', CREDIT_BASES);
  checkCreditsAgainstHours(credits, hours, creditBasis);
  const assessment = requireOneOf(input.assessment, 'assessment', ASSESSMENT_TYPES);
  const validUntil =
    input.validUntil === undefined || input.validUntil === null ? undefined : requireValidUntil(input.validUntil, issuedAt);
  const evidenceUrl = requireEvidenceUrl(input.evidenceUrl);
  // Optional keys are added only when present (no conditional spreads: see createCredentialDocument).
  const valid: ValidCredentialInput = { learnerId, title, skills, credits, hours, level, creditBasis, assessment };
  if (description !== undefined) valid.description = description;
  if (validUntil !== undefined) valid.validUntil = validUntil;
  if (evidenceUrl !== undefined) valid.evidenceUrl = evidenceUrl;
  return valid;
}

/** Credits in hundredths: more than 0, at most 1000 credits. */
export function requireCredentialCredits(value: unknown): number {
  if (value === undefined || value === null) throw new DomainError('VALIDATION.REQUIRED', 'credits is required', 'credits');
  if (!Number.isSafeInteger(value)) {
    throw new DomainError('CREDIT.INVALID', 'credits must be a whole number of hundredths', 'credits');
  }
  if ((value as number) <= 0 || (value as number) > MAX_CREDENTIAL_CREDITS) {
    throw new DomainError('VALIDATION.RANGE', 'credits must be more than 0 and at most 1000', 'credits');
  }
  return value as number;
}

/**
 * NCrF: 1 credit = 30 hours, within 0.5 credit. ECTS: 1 credit = 25 to 30 hours, within 0.5.
 * Both sides are multiplied by 300 so the comparison stays in integers:
 * credits/100 * 300 = 3 * hundredths, hours/30 * 300 = 10 * hours, hours/25 * 300 = 12 * hours.
 */
export function creditsMatchHours(hundredths: number, hours: number, basis: 'ncrf' | 'ects'): boolean {
  const scaledCredits = 3 * hundredths;
  if (basis === 'ncrf') return Math.abs(scaledCredits - 10 * hours) <= 150;
  return 10 * hours - 150 <= scaledCredits && scaledCredits <= 12 * hours + 150;
}

export function checkCreditsAgainstHours(hundredths: number, hours: number, basis: 'ncrf' | 'ects'): void {
  if (creditsMatchHours(hundredths, hours, basis)) return;
  const rule =
    basis === 'ncrf'
      ? 'be within 0.5 of hours / 30 (NCrF: 1 credit = 30 hours)'
      : 'lie between hours / 30 - 0.5 and hours / 25 + 0.5 (ECTS: 1 credit = 25 to 30 hours)';
  throw new DomainError('CREDENTIAL.CREDITS_HOURS_MISMATCH', `credits must ${rule}`, 'credits');
}

export function requireSkills(value: unknown): string[] {
  const list = requireArray(value, 'skills');
  if (list.length > MAX_SKILLS) throw new DomainError('VALIDATION.LENGTH', `skills must have at most ${MAX_SKILLS} entries`, 'skills');
  const skills = list.map((skill) => requireText(skill, 'skills', 100));
  if (new Set(skills).size !== skills.length) {
    throw new DomainError('VALIDATION.DUPLICATE', 'skills must not repeat an entry', 'skills');
  }
  return skills;
}

export function requireValidUntil(value: unknown, issuedAt: string): string {
  const validUntil = parseInstant(value, 'validUntil');
  if (isAtOrAfter(issuedAt, validUntil)) {
    throw new DomainError('CREDENTIAL.VALIDITY_NOT_AFTER_ISSUE', 'validUntil must be after issuedAt', 'validUntil');
  }
  return validUntil;
}

export function requireEvidenceUrl(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const rule = 'evidenceUrl must be an absolute http or https URL of at most 2048 characters';
  if (typeof value !== 'string') throw new DomainError('VALIDATION.TYPE', 'evidenceUrl must be a string', 'evidenceUrl');
  requireWellFormed(value, 'evidenceUrl');
  if (lengthOf(value) > 2048) throw new DomainError('VALIDATION.LENGTH', rule, 'evidenceUrl');
  if (!/^https?:\/\/[^\s]+$/i.test(value) || !parsesAsWebUrl(value)) {
    throw new DomainError('VALIDATION.FORMAT', rule, 'evidenceUrl');
  }
  return value;
}

function parsesAsWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
