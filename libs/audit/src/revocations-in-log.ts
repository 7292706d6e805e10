import { keyHash } from '@stackledger/data-integrity';
import { credentialKey } from '@stackledger/merkle';

/**
 * The revocations the log holds, by credentialKey (the key the contract records a revocation
 * under), each at the seq of its first revocation. A revocation names a credential by id; its key
 * is over the document as issued: the `credential` of the latest event before the revocation that
 * carried a credential with that id, as stored (not upcast). Only revoked credentials need a key,
 * and revocations are rare, so each credential is remembered as a handle (`H`: the document itself,
 * or only the seq where it can be read again, which keeps a million parsed documents out of the
 * heap) and keys are computed at the end.
 */
export class RevocationsInLog<H> {
  private readonly issued = new Map<unknown, H>();
  private readonly revoked: { seq: number; credential: H }[] = [];
  /** Revoked issuer keys: their keyHash goes on chain through the same `revoke`. */
  private readonly revokedKeys: { seq: number; keyId: string }[] = [];

  constructor(
    private readonly handleOf: (seq: number, credential: Record<string, unknown>) => H,
    private readonly documentOf: (handle: H) => Record<string, unknown>,
  ) {}

  note(seq: number, type: string, data: { credential?: Record<string, unknown>; credentialId?: unknown; keyId?: unknown }): void {
    if (type === 'IssuerKeyRevoked' && typeof data.keyId === 'string') this.revokedKeys.push({ seq, keyId: data.keyId });
    if (data.credential?.id !== undefined) this.issued.set(data.credential.id, this.handleOf(seq, data.credential));
    if (type === 'CredentialRevoked') {
      const credential = this.issued.get(data.credentialId);
      if (credential !== undefined) this.revoked.push({ seq, credential });
    }
  }

  /** credentialKey (or an issuer key's keyHash) -> the seq that first revoked it, in seq order. Preconditions: keccak initialised. */
  byKey(): Map<string, number> {
    const keys = new Map<string, number>();
    for (const { seq, credential } of this.revoked) {
      const key = credentialKey(this.documentOf(credential));
      if (!keys.has(key)) keys.set(key, seq);
    }
    for (const { seq, keyId } of this.revokedKeys) {
      const key = keyHash(keyId);
      if (!keys.has(key)) keys.set(key, seq);
    }
    return new Map([...keys].sort((a, b) => a[1] - b[1]));
  }
}
