import { CredentialDocument } from '../credential/credential-document';
import { DomainError } from '../shared/domain-error';
import { toMillis } from '../shared/instant';
import { hasLiveKey } from '../issuer/issuer.state';
import { IssuerSnapshot, SignedIssue } from './learner.commands';

/** How far a signed credential's `issuedAt` may lie from the service's clock, either way. */
export const ISSUED_AT_WINDOW_MS = 5 * 60_000;

/** An issuer with a live signing key must sign: only then can nobody else issue in its name. */
export function requireSignatureIfKeyed(issuer: IssuerSnapshot): void {
  if (hasLiveKey(issuer.keys)) {
    throw new DomainError(
      'CREDENTIAL.SIGNATURE_REQUIRED',
      `issuer ${issuer.issuerId} has a signing key: post the signed credential as {credential}`,
      'credential',
    );
  }
}

/** The signing key is one of this issuer's and still live; `issuedAt` is near the service's clock. */
export function requireLiveSigningKey(issuer: IssuerSnapshot, signed: SignedIssue, issuedAt: string): void {
  const field = 'credential.proof.verificationMethod';
  const key = issuer.keys !== undefined && Object.hasOwn(issuer.keys, signed.keyId) ? issuer.keys[signed.keyId] : undefined;
  if (key === undefined && signed.keyOwner !== undefined && signed.keyOwner !== issuer.issuerId) {
    throw new DomainError(
      'KEY.OTHER_ISSUER',
      `${signed.keyId} is a key of issuer ${signed.keyOwner}, not of issuer ${issuer.issuerId}`,
      field,
    );
  }
  if (key === undefined) {
    throw new DomainError('KEY.NOT_REGISTERED', `${signed.keyId} is not a registered key of issuer ${issuer.issuerId}`, field);
  }
  if (key.status === 'retired') throw new DomainError('KEY.RETIRED', `key ${signed.keyId} is retired: it signs nothing new`, field);
  if (key.status === 'revoked') throw new DomainError('KEY.REVOKED', `key ${signed.keyId} is revoked`, field);
  if (!(Math.abs(toMillis(issuedAt) - toMillis(signed.receivedAt)) <= ISSUED_AT_WINDOW_MS)) {
    throw new DomainError(
      'CREDENTIAL.ISSUED_AT_OUT_OF_WINDOW',
      `issuedAt must lie within ${ISSUED_AT_WINDOW_MS / 60_000} minutes of the service's clock (${signed.receivedAt})`,
      'credential.issuedAt',
    );
  }
}

/**
 * The signed document must be, member for member, the document built from its own fields plus
 * the issuer as registered and the proof: what is signed is what is stored and hashed, so nothing
 * may be normalised after signing. Names the first member that differs.
 */
export function requireAsBuilt(built: CredentialDocument, issuer: IssuerSnapshot, signed: Record<string, unknown>): CredentialDocument {
  const profile = { id: issuer.issuerId, name: issuer.name, ...(issuer.domain !== undefined && { domain: issuer.domain }) };
  if (!sameJson(signed.issuer, profile)) {
    throw new DomainError(
      'CREDENTIAL.ISSUER_PROFILE_MISMATCH',
      `issuer must be the issuer as registered: ${JSON.stringify(profile)}`,
      'credential.issuer',
    );
  }
  const expected: Record<string, unknown> = { ...built, issuer: profile, proof: signed.proof };
  const names = new Set([...Object.keys(expected), ...Object.keys(signed)]);
  for (const name of names) {
    if (!sameJson(signed[name], expected[name])) {
      const why = !(name in expected)
        ? 'is not a member of a credential'
        : `must be ${JSON.stringify(expected[name])} (the canonical form)`;
      throw new DomainError('CREDENTIAL.NOT_CANONICAL', `credential.${name} ${why}`, `credential.${name}`);
    }
  }
  return signed as unknown as CredentialDocument;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => Object.hasOwn(y, key) && sameJson(x[key], y[key]));
}
