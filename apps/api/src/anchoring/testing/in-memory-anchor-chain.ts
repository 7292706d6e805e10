import {
  AnchorChain,
  AnchorRangeTakenError,
  ChainLocation,
  ChainReceipt,
  MAX_REVOKE_KEYS,
  OnChainBatch,
  SentTransaction,
} from '../anchor-chain.port';

/**
 * The contract's rules in memory, for the job's pure unit tests only (the adapter is tested
 * against a real EVM). `down` makes every call fail, as an unreachable RPC does.
 */
export class InMemoryAnchorChain implements AnchorChain {
  readonly batches: OnChainBatch[] = [];
  readonly revocations = new Map<string, number>();
  anchorCalls = 0;
  /** The keys of every `revoke` sent, in order. */
  readonly revokeCalls: string[][] = [];
  private readonly mined = new Map<string, ChainReceipt>();
  private readonly revokedBy = new Map<string, string[]>();
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

  async sendRevoke(keys: string[]): Promise<SentTransaction> {
    this.check();
    if (keys.length === 0 || keys.length > MAX_REVOKE_KEYS) throw new Error(`revoke: ${keys.length} keys`);
    this.revokeCalls.push([...keys]);
    const fresh = [...new Set(keys)].filter((k) => !this.revocations.has(k));
    fresh.forEach((k) => this.revocations.set(k, 1_700_000_000 + this.block));
    const receipt = { txHash: `0x${(0xee0000 + this.revokeCalls.length).toString(16).padStart(64, '0')}`, blockNumber: ++this.block };
    this.mined.set(receipt.txHash, receipt);
    this.revokedBy.set(receipt.txHash, fresh);
    return { txHash: receipt.txHash, wait: async () => receipt };
  }

  async receiptOf(txHash: string): Promise<ChainReceipt | undefined> {
    this.check();
    return this.mined.get(txHash);
  }

  /** A reorganisation: the chain forgets the batches from `batchCount` on and the given transactions. */
  reorg(batchCount: number, droppedTxs: string[] = []): void {
    this.batches.length = batchCount;
    for (const hash of droppedTxs) {
      this.mined.delete(hash);
      for (const key of this.revokedBy.get(hash) ?? []) this.revocations.delete(key);
    }
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
