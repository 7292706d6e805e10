import { CREDENTIAL_INPUT_FIELDS, DomainError, SignedIssue } from '@stackledger/domain';
import { ApplicationError } from '../../errors/application-error';
import { isJsonObject, objectBody } from '../../shared/request-fields';
import type { SignatureCheck, SignatureJobItem } from '../signature-checks/signature-check';
import { IssueCredentialInput, parseIssueCredential } from './issue-credential.dto';

/** A signed request, its signature verified: what the domain needs to decide it. */
export interface SignedRequest {
  credentialId: string;
  salt: string;
  issuedAt: string;
  input: IssueCredentialInput;
  signed: Omit<SignedIssue, 'receivedAt'>;
}

/** Whether a body (or a batch item) is the signed form `{credential}` rather than the unsigned fields. */
export function isSignedBody(body: unknown): boolean {
  return isJsonObject(body) && Object.hasOwn(body, 'credential');
}

/** A signed body's two members, read without any cryptography. */
export interface SignedBodyParts {
  credential: Record<string, unknown>;
  openBadgeProof: unknown;
}

/** `{credential, openBadgeProof?}`: the shape alone (no unknown member, `credential` an object). */
export function readSignedBody(body: unknown): SignedBodyParts {
  const b = objectBody(body, ['credential', 'openBadgeProof']);
  const credential = b.credential;
  if (!isJsonObject(credential)) {
    throw new DomainError('VALIDATION.TYPE', 'credential must be the signed credential document (a JSON object)', 'credential');
  }
  return { credential, openBadgeProof: b.openBadgeProof };
}

/** What the signature checks need of a body; an `openBadgeProof` that is not an object is refused without them. */
export function signatureJob(parts: SignedBodyParts): SignatureJobItem {
  const { credential, openBadgeProof } = parts;
  return isJsonObject(openBadgeProof) ? { credential, openBadgeProof } : { credential };
}

/**
 * The signed request, given its signature checks (`checkSignatures`: the credential's
 * eddsa-jcs-2022 proof and the Open Badges proof): reads the fields the domain rebuilds the
 * document from. Whether the key is the issuer's and live, the window of `issuedAt` and every
 * value rule are the domain's. Errors name `credential.<member>` and come in one fixed order (the
 * credential's proof, its fields, the Open Badges proof, then id, salt and issuedAt), wherever the
 * checks ran.
 */
export function signedRequestFrom(parts: SignedBodyParts, check: SignatureCheck): SignedRequest {
  const { credential: document, openBadgeProof } = parts;
  if (!check.ok) throw new ApplicationError('SIGNATURE.INVALID', check.problem, 'credential.proof');
  const fields: Record<string, unknown> = {};
  for (const name of CREDENTIAL_INPUT_FIELDS) if (document[name] !== undefined) fields[name] = document[name];
  const input = withPrefix(() => parseIssueCredential(fields));
  const text = (name: string): string => {
    const value = document[name];
    if (typeof value !== 'string')
      throw new DomainError('VALIDATION.REQUIRED', `credential.${name} must be a string`, `credential.${name}`);
    return value;
  };
  if (openBadgeProof !== undefined) {
    if (!isJsonObject(openBadgeProof)) throw new DomainError('VALIDATION.TYPE', 'openBadgeProof must be a JSON object', 'openBadgeProof');
    if (check.openBadgeProblem !== undefined) {
      throw new ApplicationError(
        'SIGNATURE.INVALID',
        `openBadgeProof does not verify over the Open Badges rendition (${check.openBadgeProblem})`,
        'openBadgeProof',
      );
    }
  }
  return {
    credentialId: text('id'),
    salt: text('salt'),
    issuedAt: text('issuedAt'),
    input,
    signed: {
      credential: document,
      keyId: check.keyId,
      ...(isJsonObject(openBadgeProof) && { openBadgeProof }),
    },
  };
}

function withPrefix<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const field = error.field === undefined || error.field === 'body' ? 'credential' : `credential.${error.field}`;
    throw new DomainError(error.code, `credential.${error.message}`, field);
  }
}
