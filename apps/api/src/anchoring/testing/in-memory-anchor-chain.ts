import { AnchorChain, AnchorRangeTakenError, ChainLocation, ChainReceipt, OnChainBatch } from '../anchor-chain.port';

/**
 * The contract's rules in memory, for the job's pure unit tests only (the adapter is tested
 * against a real EVM). `down` makes every call fail, as an unreachable RPC does.
 */
export class InMemoryAnchorChain implements AnchorChain {
  readonly batches: OnChainBatch[] = [];
  readonly revocations = new Map<string, number>();
  anchorCalls = 0;
  down = false;
  private block = 1;

  location(): ChainLocation {
    return { chainId: 31337, contract: '0x00000000000000000000000000000000000000A1', rpcUrl: 'memory://chain' };
  }

  async ping(): Promise<number> {
    this.check();
    return this.block;
  }

  async batchCount(): Promise<number> {
    this.check();
    return this.batches.length;
  }

  async batch(index: number): Promise<OnChainBatch> {
    this.check();
    return this.batches[index];
  }

  async anchorReceipt(index: number): Promise<ChainReceipt> {
    this.check();
    return { txHash: `0x${(index + 1).toString(16).padStart(64, '0')}`, blockNumber: index + 2 };
  }

  async anchor(root: string, fromSeq: number, toSeq: number): Promise<ChainReceipt> {
    this.check();
    this.anchorCalls++;
    const expected = (this.batches.at(-1)?.toSeq ?? 0) + 1;
    if (fromSeq !== expected) throw new AnchorRangeTakenError(expected, fromSeq);
    const index = this.batches.length;
    this.batches.push({ index, root, fromSeq, toSeq, anchoredAt: 1_700_000_000 + index });
    this.block++;
    return this.anchorReceipt(index);
  }

  async revoke(keys: string[]): Promise<ChainReceipt> {
    this.check();
    keys.forEach((k) => this.revocations.has(k) || this.revocations.set(k, 1_700_000_000 + this.block));
    this.block++;
    return { txHash: `0x${'ee'.repeat(32)}`, blockNumber: this.block };
  }

  async revokedAt(key: string): Promise<number> {
    this.check();
    return this.revocations.get(key) ?? 0;
  }

  async close(): Promise<void> {}

  private check(): void {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:8545');
  }
}
