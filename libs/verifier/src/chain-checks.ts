import { ContractCallError } from './anchor-reader.port';
import type { ConsensusReader } from './consensus-reader';
import type { ProofBundle } from './proof-bundle';
import type { CheckRecord, ReasonCode, Verdict } from './verdict';

/**
 * Steps 3 and 4, plus the chain's identity: the endpoints serve the bundle's
 * chain, code lives at the trusted address, batch `index` holds exactly the bundle's root and
 * range, and the credential key is not revoked; every fact read at one block, agreed by the
 * endpoints. Reader errors (disagreement, too few endpoints) propagate to the caller.
 */

export interface ChainFindings {
  /** Set when a check failed; absent when every chain check passed. */
  readonly failure?: { readonly verdict: Verdict; readonly code: ReasonCode; readonly reason: string };
  readonly anchoredAt?: string;
  /** The same block time in seconds, to compare with the signing key's times. */
  readonly anchoredAtSeconds?: bigint;
  readonly revokedAt?: string;
}

/** An integer from the reader as bigint; anything else means the contract did not answer as specified. */
export function int(value: unknown, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new ContractCallError(`${what} is not an integer: ${String(value)}`);
}

export const iso = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/** Preconditions: the bundle passed the offline checks; `trustedContract` equals `bundle.anchor.contract`. */
export async function checkChain(
  bundle: ProofBundle,
  credentialKey: string,
  reader: ConsensusReader,
  checks: CheckRecord[],
): Promise<ChainFindings> {
  const fail = (step: number, name: string, verdict: Verdict, code: ReasonCode, reason: string): ChainFindings => {
    checks.push({ step, name, ok: false, detail: reason });
    return { failure: { verdict, code, reason } };
  };
  const { anchor, merkle } = bundle;

  await reader.open();
  const chainId = reader.chainId;
  if (chainId !== BigInt(anchor.chainId)) {
    return fail(
      3,
      'RPC serves the bundle chain',
      'wrong-chain',
      'CHAIN_ID_MISMATCH',
      `the RPC ${reader.quorum > 1 ? 'endpoints serve' : 'serves'} chain ${chainId}, the bundle was anchored on chain ${anchor.chainId}`,
    );
  }
  checks.push({ step: 3, name: 'RPC serves the bundle chain', ok: true, detail: `chain ${chainId}, read at block ${reader.block}` });

  if (reader.readsCode) {
    const code = await reader.code(anchor.contract);
    if (!/^0x[0-9a-fA-F]+$/.test(code)) {
      return fail(
        3,
        'contract has code',
        'wrong-chain',
        'NO_CONTRACT_CODE',
        `no contract is deployed at ${anchor.contract} on chain ${chainId}`,
      );
    }
    checks.push({ step: 3, name: 'contract has code', ok: true });
  }

  const count = int(await reader.batchCount(), 'batchCount');
  if (BigInt(merkle.batch.index) >= count) {
    return fail(
      3,
      'batch is anchored',
      'not-anchored',
      'BATCH_NOT_FOUND',
      `batch ${merkle.batch.index} is not anchored: the contract holds ${count} batch(es)`,
    );
  }
  const onChain = await reader.batch(merkle.batch.index);
  const root = typeof onChain.root === 'string' ? onChain.root.toLowerCase() : '';
  const [fromSeq, toSeq] = [int(onChain.fromSeq, 'fromSeq'), int(onChain.toSeq, 'toSeq')];
  if (root !== merkle.batch.root.toLowerCase() || fromSeq !== BigInt(merkle.batch.fromSeq) || toSeq !== BigInt(merkle.batch.toSeq)) {
    return fail(
      3,
      'chain holds the batch root and range',
      'not-anchored',
      'BATCH_MISMATCH',
      `batch ${merkle.batch.index} on chain is root ${onChain.root} over [${fromSeq}, ${toSeq}], ` +
        `not the bundle's root ${merkle.batch.root} over [${merkle.batch.fromSeq}, ${merkle.batch.toSeq}]`,
    );
  }
  const anchoredAtSeconds = int(onChain.anchoredAt, 'anchoredAt');
  const anchoredAt = iso(anchoredAtSeconds);
  checks.push({ step: 3, name: 'chain holds the batch root and range', ok: true, detail: `anchored ${anchoredAt}` });

  const revoked = int(await reader.revokedAt(credentialKey), 'revokedAt');
  if (revoked !== 0n) {
    const revokedAt = iso(revoked);
    checks.push({ step: 4, name: 'credential key not revoked', ok: false, detail: `revoked ${revokedAt}` });
    return {
      anchoredAt,
      anchoredAtSeconds,
      revokedAt,
      failure: { verdict: 'revoked', code: 'REVOKED', reason: `the credential was revoked on chain at ${revokedAt}` },
    };
  }
  checks.push({ step: 4, name: 'credential key not revoked', ok: true });
  return { anchoredAt, anchoredAtSeconds };
}
