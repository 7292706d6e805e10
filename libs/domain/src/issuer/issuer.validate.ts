import { DomainError } from '../shared/domain-error';
import { isCountryCode } from '../shared/country-codes';
import { parseInstant } from '../shared/instant';
import { requireHostname, requireId, requirePattern, requireText } from '../shared/validation';
import { RegisterIssuer } from './issuer.commands';
import { IssuerRegistered } from './issuer.events';

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function validateRegistration(command: RegisterIssuer['data']): IssuerRegistered['data'] {
  return {
    issuerId: requireId(command.issuerId, 'issuerId'),
    name: requireText(command.name, 'name', 200),
    country: requireCountry(command.country),
    accreditationCode: requireText(command.accreditationCode, 'accreditationCode', 64),
    contactEmail: requireEmail(command.contactEmail),
    ...(command.domain !== undefined && { domain: requireHostname(command.domain, 'domain') }),
    registeredAt: parseInstant(command.at, 'at'),
  };
}

function requireCountry(value: unknown): string {
  const code = requirePattern(value, 'country', /^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, such as IN');
  if (!isCountryCode(code)) {
    throw new DomainError('VALIDATION.ONE_OF', 'country must be an assigned ISO 3166-1 alpha-2 code', 'country');
  }
  return code;
}

function requireEmail(value: unknown): string {
  const email = requireText(value, 'contactEmail', 254);
  if (!EMAIL.test(email)) {
    throw new DomainError('VALIDATION.FORMAT', 'contactEmail must be an e-mail address such as registrar@example.edu', 'contactEmail');
  }
  return email;
}
