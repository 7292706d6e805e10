import {
  signKeyRegistration,
  didKeyFromPublicKey,
  type CryptoBackend,
  type Ed25519KeyPair,
  type JsonObject,
} from '@stackledger/data-integrity';
import { buildCredential, signCredential, type CredentialFields, type IssuerIdentity, type SignedCredential } from './credential-builder';
import { openBadgeProofOf } from './open-badge-proof';

/** A 4xx/5xx answer of the service: its JSON error body (`{statusCode, error, code, message, field?}`). */
export class StackLedgerApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string; field?: string } & JsonObject,
  ) {
    super(`${status} ${String(body.code ?? '')}: ${String(body.message ?? JSON.stringify(body))}`);
    this.name = 'StackLedgerApiError';
  }
}

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:3000` */
  readonly baseUrl: string;
  /** The issuer's API key. */
  readonly apiKey: string;
  /** Ed25519 and SHA-256: `nodeCryptoBackend` in Node, `nobleBackend` in a browser. */
  readonly backend: CryptoBackend;
  readonly fetch?: typeof fetch;
}

/**
 * An issuer's side of the signed path: registers its key with a proof of possession, builds each
 * credential document and its Open Badges rendition, signs both with the issuer's key (which never
 * leaves this process), and posts `{credential, openBadgeProof}`.
 */
export class StackLedgerClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** `GET /v1/issuers/{id}`: name, domain and keys with their status. */
  issuer(issuerId: string): Promise<IssuerIdentity & { keys: JsonObject[] } & JsonObject> {
    return this.call('GET', `/v1/issuers/${encodeURIComponent(issuerId)}`);
  }

  /** `POST /v1/issuers/{id}/keys` with a proof of possession made now by the key itself. */
  registerKey(issuerId: string, keyPair: Ed25519KeyPair, now = new Date()): Promise<JsonObject> {
    const created = now.toISOString().replace(/\.\d+Z$/, 'Z');
    const proofOfPossession = signKeyRegistration(this.options.backend, keyPair, issuerId, created);
    return this.call('POST', `/v1/issuers/${encodeURIComponent(issuerId)}/keys`, {
      keyId: didKeyFromPublicKey(keyPair.publicKey),
      proofOfPossession,
    });
  }

  /** Builds and signs one credential (and its Open Badges rendition): the body `POST /v1/credentials` takes. */
  signed(fields: CredentialFields, issuer: IssuerIdentity, keyPair: Ed25519KeyPair, now = new Date()): SignedBody {
    const credential = signCredential(this.options.backend, buildCredential(fields, issuer, { now }), keyPair);
    return { credential, openBadgeProof: openBadgeProofOf(this.options.backend, credential as unknown as JsonObject, keyPair) };
  }

  /** `POST /v1/credentials` with a signed body. */
  issue(body: SignedBody, idempotencyKey?: string): Promise<JsonObject> {
    return this.call('POST', '/v1/credentials', body, idempotencyKey);
  }

  /** `POST /v1/credentials:batch`: up to 1,000 signed bodies, all or nothing. */
  issueBatch(items: readonly SignedBody[], idempotencyKey?: string): Promise<{ credentials: JsonObject[] }> {
    return this.call('POST', '/v1/credentials:batch', { items }, idempotencyKey);
  }

  private async call<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const response = await this.fetch(new URL(path, this.options.baseUrl), {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = text === '' ? {} : (JSON.parse(text) as JsonObject);
    if (!response.ok) throw new StackLedgerApiError(response.status, parsed);
    return parsed as T;
  }
}

export interface SignedBody {
  readonly credential: SignedCredential;
  readonly openBadgeProof?: JsonObject;
}
