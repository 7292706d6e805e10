import { createCredentialDocument, parseCredits, type CredentialDocument } from '@stackledger/domain';
import { keyPairSigner, signDocument, type CryptoBackend, type Ed25519KeyPair, type JsonObject } from '@stackledger/data-integrity';

/** The issuer as registered: a signed credential carries exactly these (`GET /v1/issuers/{id}` gives them). */
export interface IssuerIdentity {
  readonly id: string;
  readonly name: string;
  readonly domain?: string;
}

/** One credential's fields as an issuer writes them (credits as a decimal string or a number with at most 2 fraction digits). */
export interface CredentialFields {
  readonly learnerId: string;
  readonly title: string;
  readonly description?: string;
  readonly skills: readonly string[];
  readonly credits: string | number;
  readonly hours: number;
  readonly level: number;
  readonly creditBasis?: string;
  readonly assessment: string;
  readonly validUntil?: string;
  readonly evidenceUrl?: string;
}

export interface BuildOptions {
  /** The issuing instant (default: now). The service accepts it within 5 minutes of its clock. */
  readonly now?: Date;
  /** Default: a random UUID v4. */
  readonly id?: string;
  /** Default: 256 random bits as 0x-hex. */
  readonly salt?: string;
}

/** A signed credential as posted: `{credential}` (and, when given, the Open Badges proof). */
export type SignedCredential = CredentialDocument & { issuer: IssuerIdentity; proof: JsonObject };

/**
 * The credential document exactly as the service stores and hashes it: built by the domain's own
 * `createCredentialDocument` (so every value rule and the canonical form are the service's),
 * plus `issuer`. Throws the domain's `DomainError` naming the field on a bad value.
 */
export function buildCredential(fields: CredentialFields, issuer: IssuerIdentity, options: BuildOptions = {}): CredentialDocument {
  const { credits, skills, ...rest } = fields;
  const document = createCredentialDocument({
    id: options.id ?? globalThis.crypto.randomUUID(),
    issuerId: issuer.id,
    salt: options.salt ?? randomSalt(),
    issuedAt: (options.now ?? new Date()).toISOString(),
    input: { ...rest, skills: [...skills], credits: parseCredits(credits, 'credits') },
  });
  const identity: IssuerIdentity = { id: issuer.id, name: issuer.name, ...(issuer.domain !== undefined && { domain: issuer.domain }) };
  return { ...document, issuer: identity };
}

/** The document signed with eddsa-jcs-2022 by `keyPair` (proofPurpose assertionMethod, created = issuedAt to the second). */
export function signCredential(backend: CryptoBackend, document: CredentialDocument, keyPair: Ed25519KeyPair): SignedCredential {
  const created = document.issuedAt.replace(/\.\d+Z$/, 'Z');
  return signDocument(backend, document, { created, proofPurpose: 'assertionMethod' }, keyPairSigner(backend, keyPair)) as SignedCredential;
}

function randomSalt(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
