import { ApplicationError } from '../errors/application-error';
import { AnchorChain, ChainLocation, ChainReceipt, OnChainBatch, SentTransaction } from './anchor-chain.port';

/**
 * Stands in for a chain that could not be reached at start-up, so the API still starts and
 * records credentials; every call tries to connect again, and the anchoring job's backoff paces
 * those tries. Once connected it only delegates.
 */
export class LazyAnchorChain implements AnchorChain {
  private connected?: AnchorChain;
  private connecting?: Promise<AnchorChain>;

  constructor(
    private readonly connect: () => Promise<AnchorChain>,
    /** What is known without the chain: the contract, and the chain id when a deployment record gave it. */
    private readonly known: { contract: string; rpcUrl: string; chainId?: number },
  ) {}

  location(): ChainLocation {
    if (this.connected) return this.connected.location();
    if (this.known.chainId !== undefined) return { chainId: this.known.chainId, contract: this.known.contract, rpcUrl: this.known.rpcUrl };
    // The anchoring job asks for the location first: without this try it would never connect
    // (only a /health ping would), and anchoring would not resume when the chain comes back.
    void this.chain().catch(() => undefined);
    throw new ApplicationError('CHAIN.UNAVAILABLE', `the chain at ${this.known.rpcUrl} has not been reached yet`);
  }

  async ping(): Promise<number> {
    return (await this.chain()).ping();
  }

  async batchCount(): Promise<number> {
    return (await this.chain()).batchCount();
  }

  async batch(index: number): Promise<OnChainBatch> {
    return (await this.chain()).batch(index);
  }

  async anchorReceipt(index: number): Promise<ChainReceipt> {
    return (await this.chain()).anchorReceipt(index);
  }

  async anchor(root: string, fromSeq: number, toSeq: number): Promise<ChainReceipt> {
    return (await this.chain()).anchor(root, fromSeq, toSeq);
  }

  async sendRevoke(keys: string[]): Promise<SentTransaction> {
    return (await this.chain()).sendRevoke(keys);
  }

  async receiptOf(txHash: string): Promise<ChainReceipt | undefined> {
    return (await this.chain()).receiptOf(txHash);
  }

  async revokedAt(key: string): Promise<number> {
    return (await this.chain()).revokedAt(key);
  }

  async close(): Promise<void> {
    await this.connected?.close();
  }

  private chain(): Promise<AnchorChain> {
    if (this.connected) return Promise.resolve(this.connected);
    this.connecting ??= this.connect()
      .then((chain) => (this.connected = chain))
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }
}
