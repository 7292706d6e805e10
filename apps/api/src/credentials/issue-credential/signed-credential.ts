import { CREDENTIAL_INPUT_FIELDS, DomainError, SignedIssue } from '@stackledger/domain';
import { nodeCryptoBackend, verifyProof } from '@stackledger/data-integrity/node';
import { ApplicationError } from '../../errors/application-error';
import { objectBody } from '../../shared/request-fields';
import type { ProofBundle } from '@stackledger/verifier';
import { openBadgeRendition } from '@stackledger/verifier/open-badge';
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
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'credential');
}

/**
 * `{credential, openBadgeProof?}`: checks the credential's eddsa-jcs-2022 proof with node:crypto
 * (a did:key verification method, purpose assertionMethod, no proof `@context`) and reads the
 * fields the domain rebuilds the document from. Whether the key is the issuer's and live, the
 * window of `issuedAt` and every value rule are the domain's. Errors name `credential.<member>`.
 */
export function parseSignedCredential(body: unknown): SignedRequest {
  const b = objectBody(body, ['credential', 'openBadgeProof']);
  const credential = b.credential;
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new DomainError('VALIDATION.TYPE', 'credential must be the signed credential document (a JSON object)', 'credential');
  }
  const document = credential as Record<string, unknown>;
  const verified = verifyProof(nodeCryptoBackend, document, { expectedProofPurpose: 'assertionMethod' });
  if (!verified.ok) {
    throw new ApplicationError(
      'SIGNATURE.INVALID',
      `the credential's proof does not verify (${verified.reason}): ${verified.message}`,
      'credential.proof',
    );
  }
  if (verified.keyId === undefined || verified.proof['@context'] !== undefined) {
    throw new ApplicationError('SIGNATURE.INVALID', 'the proof must be made by a did:key and carry no @context', 'credential.proof');
  }
  const fields: Record<string, unknown> = {};
  for (const name of CREDENTIAL_INPUT_FIELDS) if (document[name] !== undefined) fields[name] = document[name];
  const input = withPrefix(() => parseIssueCredential(fields));
  const text = (name: string): string => {
    const value = document[name];
    if (typeof value !== 'string')
      throw new DomainError('VALIDATION.REQUIRED', `credential.${name} must be a string`, `credential.${name}`);
    return value;
  };
  const openBadgeProof = b.openBadgeProof;
  if (openBadgeProof !== undefined) checkOpenBadgeProof(document, openBadgeProof, verified.keyId);
  return {
    credentialId: text('id'),
    salt: text('salt'),
    issuedAt: text('issuedAt'),
    input,
    signed: {
      credential: document,
      keyId: verified.keyId,
      ...(openBadgeProof !== undefined && { openBadgeProof: openBadgeProof as Record<string, unknown> }),
    },
  };
}

/**
 * The issuer's proof over the Open Badges rendition of this very document (rebuilt here with the
 * verifier library's mapping), made by the key that signed the credential.
 */
function checkOpenBadgeProof(document: Record<string, unknown>, proof: unknown, keyId: string): void {
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) {
    throw new DomainError('VALIDATION.TYPE', 'openBadgeProof must be a JSON object', 'openBadgeProof');
  }
  let problem: string | undefined;
  try {
    const issuer = document.issuer as { id: string; name: string };
    const rendition = openBadgeRendition(document as unknown as ProofBundle['credential'], { id: issuer.id, name: issuer.name });
    const verified = verifyProof(nodeCryptoBackend, { ...rendition, proof }, { expectedProofPurpose: 'assertionMethod' });
    if (!verified.ok) problem = `${verified.reason}: ${verified.message}`;
    else if (verified.keyId !== keyId) problem = 'it is made by another key than the credential';
  } catch (error) {
    problem = `the Open Badges rendition cannot be built: ${(error as Error).message}`;
  }
  if (problem !== undefined) {
    throw new ApplicationError(
      'SIGNATURE.INVALID',
      `openBadgeProof does not verify over the Open Badges rendition (${problem})`,
      'openBadgeProof',
    );
  }
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
