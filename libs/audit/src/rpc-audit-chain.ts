import type { JsonRpcAnchorReader } from '@stackledger/chain';
import { AuditChain } from './audit-chain.port';

/** Blocks per `eth_getLogs`: public RPCs cap the range one request may scan. */
const LOG_WINDOW = 10_000;

/**
 * The audit's chain reads through the chain library's reader, every one at the same block (the
 * newest when the audit first asks), so the batches and the revocations it compares with the log
 * are one state of the chain. Revocations are enumerated from the contract's `CredentialRevoked`
 * logs, window by window from `fromBlock` (the deployment block, so the scan skips the chain's
 * history before it).
 */
export class RpcAuditChain implements AuditChain {
  #block: Promise<bigint> | undefined;

  constructor(
    private readonly reader: JsonRpcAnchorReader,
    private readonly fromBlock = 0,
  ) {}

  async chainId(): Promise<number> {
    return Number(await this.reader.chainId());
  }

  async batchCount(): Promise<number> {
    return Number(await this.reader.batchCount(await this.block()));
  }

  async batch(index: number) {
    const batch = await this.reader.batch(index, await this.block());
    return { root: batch.root, fromSeq: Number(batch.fromSeq), toSeq: Number(batch.toSeq), anchoredAt: Number(batch.anchoredAt) };
  }

  async revocations(): Promise<Map<string, number>> {
    const latest = Number(await this.block());
    const revoked = new Map<string, number>();
    for (let from = this.fromBlock; from <= latest; from += LOG_WINDOW) {
      for (const log of await this.reader.credentialRevokedLogs(from, Math.min(latest, from + LOG_WINDOW - 1))) {
        if (!log.removed && !revoked.has(log.credentialKey)) revoked.set(log.credentialKey, Number(log.revokedAt));
      }
    }
    return revoked;
  }

  private block(): Promise<bigint> {
    this.#block ??= this.reader.blockNumber();
    return this.#block;
  }
}
