import { int, iso } from './chain-checks';
import type { ConsensusReader } from './consensus-reader';
import type { IssuerKeyProof } from './proof-bundle';
import type { CheckRecord, ReasonCode, Verdict } from './verdict';

/**
 * Steps 8 (on chain) and 9: the signing key's registration batch holds exactly the bundle's root
 * and range, was anchored no later than the credential's batch, and the key was not revoked on
 * chain at or before the credential's anchoring. Every fact is read through the same reader as
 * the credential's, so at the same block and from every endpoint. Reader errors propagate.
 *
 * Chain time decides, never the credential's self-declared `issuedAt`: a key revoked at T leaves
 * credentials anchored before T valid and makes those anchored at T or later `key-revoked`, so a
 * stolen key cannot back-date what it signs.
 */
export interface KeyChainFindings {
  readonly failure?: { readonly verdict: Verdict; readonly code: ReasonCode; readonly reason: string };
  /** Block time of the key registration's batch. */
  readonly anchoredAt?: string;
  /** Block time of the key's revocation; absent when not revoked. */
  readonly revokedAt?: string;
}

/** Preconditions: the credential's own chain checks passed up to its batch, anchored at `credentialAnchoredAt` (seconds). */
export async function checkKeyChain(
  key: IssuerKeyProof,
  keyHash: string,
  credentialAnchoredAt: bigint,
  reader: ConsensusReader,
  checks: CheckRecord[],
): Promise<KeyChainFindings> {
  const fail = (
    step: number,
    name: string,
    verdict: Verdict,
    code: ReasonCode,
    reason: string,
    found: Partial<KeyChainFindings> = {},
  ): KeyChainFindings => {
    checks.push({ step, name, ok: false, detail: reason });
    return { ...found, failure: { verdict, code, reason } };
  };
  const { batch } = key.merkle;
  const count = int(await reader.batchCount(), 'batchCount');
  if (BigInt(batch.index) >= count) {
    return fail(
      8,
      'key registration batch is anchored',
      'not-anchored',
      'KEY_BATCH_NOT_FOUND',
      `the key registration's batch ${batch.index} is not anchored: the contract holds ${count} batch(es)`,
    );
  }
  const onChain = await reader.batch(batch.index);
  const root = typeof onChain.root === 'string' ? onChain.root.toLowerCase() : '';
  const [fromSeq, toSeq] = [int(onChain.fromSeq, 'fromSeq'), int(onChain.toSeq, 'toSeq')];
  if (root !== batch.root.toLowerCase() || fromSeq !== BigInt(batch.fromSeq) || toSeq !== BigInt(batch.toSeq)) {
    return fail(
      8,
      'chain holds the key registration batch',
      'not-anchored',
      'KEY_BATCH_MISMATCH',
      `batch ${batch.index} on chain is root ${onChain.root} over [${fromSeq}, ${toSeq}], ` +
        `not the key registration's root ${batch.root} over [${batch.fromSeq}, ${batch.toSeq}]`,
    );
  }
  const keyAnchoredSeconds = int(onChain.anchoredAt, 'anchoredAt');
  const anchoredAt = iso(keyAnchoredSeconds);
  checks.push({ step: 8, name: 'chain holds the key registration batch', ok: true, detail: `anchored ${anchoredAt}` });
  if (keyAnchoredSeconds > credentialAnchoredAt) {
    return fail(
      8,
      'key anchored no later than the credential',
      'bad-signature',
      'KEY_REGISTERED_LATER',
      `the signing key's registration was anchored at ${anchoredAt}, after the credential (${iso(credentialAnchoredAt)})`,
      { anchoredAt },
    );
  }
  checks.push({
    step: 8,
    name: 'key anchored no later than the credential',
    ok: true,
    detail: `${anchoredAt} <= ${iso(credentialAnchoredAt)}`,
  });

  const revokedSeconds = int(await reader.revokedAt(keyHash), 'revokedAt');
  if (revokedSeconds === 0n) {
    checks.push({ step: 9, name: 'signing key not revoked before the credential', ok: true, detail: 'never revoked' });
    return { anchoredAt };
  }
  const revokedAt = iso(revokedSeconds);
  if (revokedSeconds <= credentialAnchoredAt) {
    return fail(
      9,
      'signing key not revoked before the credential',
      'key-revoked',
      'KEY_REVOKED',
      `the signing key was revoked on chain at ${revokedAt}, before or when the credential was anchored (${iso(credentialAnchoredAt)})`,
      { anchoredAt, revokedAt },
    );
  }
  checks.push({
    step: 9,
    name: 'signing key not revoked before the credential',
    ok: true,
    detail: `revoked ${revokedAt}, after the credential was anchored`,
  });
  return { anchoredAt, revokedAt };
}
