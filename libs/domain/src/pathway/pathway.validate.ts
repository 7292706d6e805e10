import { formatCredits } from '../shared/credits';
import { DomainError } from '../shared/domain-error';
import { parseLevel } from '../shared/level';
import { optionalText, requireArray, requireId, requireText, requireWholeNumber } from '../shared/validation';
import { IssuerSnapshot } from '../learner/learner.commands';
import { PathwayInput } from './pathway.commands';
import { PathwayDefinition } from './pathway.events';

export const MAX_PATHWAY_CREDITS = 100000;
export const MAX_PATHWAY_CREDENTIALS = 1000;
export const MAX_PATHWAY_SKILLS = 50;
export const MAX_ACCEPTED_ISSUERS = 100;
export const MAX_CREDENTIAL_AGE_DAYS = 36525;

type Rules = Omit<PathwayDefinition, 'pathwayId' | 'issuerId' | 'version' | 'definedAt'>;

/** Checks every field in document order, so the first error reported is the first bad field. */
export function validatePathwayInput(input: { readonly [K in keyof PathwayInput]?: unknown }, issuers: IssuerSnapshot[]): Rules {
  const title = requireText(input.title, 'title', 200);
  const description = optionalText(input.description, 'description', 2000);
  const minCredits = requireMinCredits(input.minCredits);
  const minCredentials = requireWholeNumber(input.minCredentials, 'minCredentials', 1, MAX_PATHWAY_CREDENTIALS);
  const minLevel = parseLevel(input.minLevel, 'minLevel');
  const requiredSkills = distinctList(input.requiredSkills, 'requiredSkills', MAX_PATHWAY_SKILLS, (s) =>
    requireText(s, 'requiredSkills', 100),
  );
  const acceptedIssuers = distinctList(input.acceptedIssuers, 'acceptedIssuers', MAX_ACCEPTED_ISSUERS, (id) =>
    requireId(id, 'acceptedIssuers'),
  );
  if (acceptedIssuers.length === 0) {
    throw new DomainError('VALIDATION.REQUIRED', 'acceptedIssuers must name at least one issuer', 'acceptedIssuers');
  }
  acceptedIssuers.forEach((id) => requireRegistered(id, issuers));
  const maxAge =
    input.maxCredentialAgeDays === undefined || input.maxCredentialAgeDays === null
      ? undefined
      : requireWholeNumber(input.maxCredentialAgeDays, 'maxCredentialAgeDays', 1, MAX_CREDENTIAL_AGE_DAYS);
  return {
    title,
    ...(description !== undefined && { description }),
    minCredits: formatCredits(minCredits),
    minCredentials,
    minLevel,
    requiredSkills,
    acceptedIssuers,
    ...(maxAge !== undefined && { maxCredentialAgeDays: maxAge }),
  };
}

function requireMinCredits(value: unknown): number {
  if (value === undefined || value === null) throw new DomainError('VALIDATION.REQUIRED', 'minCredits is required', 'minCredits');
  if (!Number.isSafeInteger(value))
    throw new DomainError('CREDIT.INVALID', 'minCredits must be a whole number of hundredths', 'minCredits');
  if ((value as number) <= 0 || (value as number) > MAX_PATHWAY_CREDITS) {
    throw new DomainError(
      'VALIDATION.RANGE',
      `minCredits must be more than 0 and at most ${formatCredits(MAX_PATHWAY_CREDITS)}`,
      'minCredits',
    );
  }
  return value as number;
}

function distinctList(value: unknown, field: string, max: number, item: (v: unknown) => string): string[] {
  const list = requireArray(value, field);
  if (list.length > max) throw new DomainError('VALIDATION.LENGTH', `${field} must have at most ${max} entries`, field);
  const items = list.map(item);
  const repeated = items.find((v, i) => items.indexOf(v) !== i);
  if (repeated !== undefined) throw new DomainError('VALIDATION.DUPLICATE', `${field} names ${repeated} more than once`, field);
  return items;
}

/** A suspended issuer's credentials stay valid, so it may be accepted; an unknown one may not. */
function requireRegistered(issuerId: string, issuers: IssuerSnapshot[]): void {
  const status = issuers.find((i) => i.issuerId === issuerId)?.status ?? 'unregistered';
  if (status === 'unregistered') {
    throw new DomainError('ISSUER.NOT_FOUND', `accepted issuer ${issuerId} is not registered`, 'acceptedIssuers');
  }
}
