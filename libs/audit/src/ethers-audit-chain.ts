import { Contract, JsonRpcProvider } from 'ethers';
import { AuditChain } from './audit-chain.port';

const ABI = [
  'function batchCount() view returns (uint256)',
  'function batch(uint256 index) view returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt)',
  'event CredentialRevoked(bytes32 indexed credentialKey, uint64 revokedAt)',
];

const LOG_WINDOW = 10_000;

/** The audit's chain reads over one JSON-RPC endpoint; revocations are enumerated from the contract's logs. */
export class EthersAuditChain implements AuditChain {
  private readonly provider: JsonRpcProvider;
  private readonly contract: Contract;

  /** `fromBlock`: the contract's deployment block, so the log scan skips the chain's history before it. */
  constructor(
    rpcUrl: string,
    address: string,
    private readonly fromBlock = 0,
  ) {
    this.provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
    this.contract = new Contract(address, ABI, this.provider);
  }

  async chainId(): Promise<number> {
    return Number((await this.provider.getNetwork()).chainId);
  }

  async batchCount(): Promise<number> {
    return Number(await this.contract.batchCount());
  }

  async batch(index: number) {
    const [root, fromSeq, toSeq, anchoredAt] = await this.contract.batch(index);
    return { root: String(root), fromSeq: Number(fromSeq), toSeq: Number(toSeq), anchoredAt: Number(anchoredAt) };
  }

  async revocations(): Promise<Map<string, number>> {
    const latest = await this.provider.getBlockNumber();
    const revoked = new Map<string, number>();
    // Public RPCs cap eth_getLogs ranges, so the scan goes window by window.
    for (let from = this.fromBlock; from <= latest; from += LOG_WINDOW) {
      const logs = await this.contract.queryFilter(this.contract.filters.CredentialRevoked(), from, Math.min(latest, from + LOG_WINDOW - 1));
      for (const log of logs) {
        const [key, at] = (log as unknown as { args: [string, bigint] }).args;
        if (!revoked.has(key.toLowerCase())) revoked.set(key.toLowerCase(), Number(at));
      }
    }
    return revoked;
  }

  close(): void {
    this.provider.destroy();
  }
}
