import { ChainUnavailableError, ContractCallError, type JsonRpcAnchorReader } from '@stackledger/chain';
import type { AnchorWriter } from '@stackledger/chain/writer';
import {
  AnchorChain,
  AnchorRangeTakenError,
  ChainLocation,
  ChainReceipt,
  MAX_REVOKE_KEYS,
  OnChainBatch,
  revokeGasLimit,
  SentTransaction,
} from './anchor-chain.port';
import { ChainConnection, connectChain, EthersAnchorChainOptions } from './chain-connection';

export type { EthersAnchorChainOptions } from './chain-connection';

/**
 * AnchorChain over the chain library: reads through its JSON-RPC reader at the newest block,
 * transactions through its writer (one key, ethers' NonceManager, reverts decoded against the
 * contract's errors), both over one endpoint with a bounded time per request. Errors carry the
 * operation and never the endpoint's credentials.
 */
export class EthersAnchorChain implements AnchorChain {
  readonly #reader: JsonRpcAnchorReader;
  readonly #writer: AnchorWriter;
  readonly #location: ChainLocation;
  readonly #deploymentBlock: number;
  readonly #close: () => void;

  private constructor(connection: ChainConnection, deploymentBlock: number) {
    this.#reader = connection.reader;
    this.#writer = connection.writer;
    this.#location = connection.location;
    this.#close = connection.close;
    this.#deploymentBlock = deploymentBlock;
  }

  /**
   * Asks the RPC for its chain id (bounded by `requestTimeoutMs`), checks a contract is deployed
   * at `contract`, and returns the adapter. Throws ChainUnavailableError when the RPC is down.
   */
  static async connect(options: EthersAnchorChainOptions): Promise<EthersAnchorChain> {
    return new EthersAnchorChain(await connectChain(options), options.deploymentBlock ?? 0);
  }

  location(): ChainLocation {
    return { ...this.#location };
  }

  /** The anchorer's address (for logs and role checks). */
  anchorerAddress(): string {
    return this.#writer.address;
  }

  async ping(): Promise<number> {
    return toSafeNumber(await this.#read('ping', () => this.#reader.blockNumber()), 'block number');
  }

  async batchCount(): Promise<number> {
    return toSafeNumber(await this.#read('batchCount', () => this.#reader.batchCount('latest')), 'batchCount');
  }

  async batch(index: number): Promise<OnChainBatch> {
    checkIndex(index);
    const batch = await this.#read(`batch(${index})`, () => this.#reader.batch(index, 'latest'));
    return {
      index,
      root: batch.root,
      fromSeq: toSafeNumber(batch.fromSeq, 'fromSeq'),
      toSeq: toSafeNumber(batch.toSeq, 'toSeq'),
      anchoredAt: toSafeNumber(batch.anchoredAt, 'anchoredAt'),
    };
  }

  async anchorReceipt(index: number): Promise<ChainReceipt> {
    checkIndex(index);
    const logs = await this.#read(`anchorReceipt(${index})`, () => this.#reader.batchAnchoredLogs(index, this.#deploymentBlock, 'latest'));
    const log = logs.find((entry) => !entry.removed);
    if (!log) throw new Error(`no BatchAnchored log for batch ${index} on ${this.#location.contract} (chain ${this.#location.chainId})`);
    return { txHash: log.txHash, blockNumber: log.blockNumber };
  }

  async anchor(root: string, fromSeq: number, toSeq: number): Promise<ChainReceipt> {
    try {
      return await this.#writer.anchor(root, fromSeq, toSeq);
    } catch (error) {
      const revert = error instanceof ContractCallError ? error.revert : undefined;
      if (revert?.name !== 'StackLedgerAnchorNonContiguousRange') throw error;
      throw new AnchorRangeTakenError(
        toSafeNumber(revert.args[0] as bigint, 'expectedFromSeq'),
        toSafeNumber(revert.args[1] as bigint, 'fromSeq'),
      );
    }
  }

  /** `sendRevoke` and its confirmations. */
  async revoke(keys: string[]): Promise<ChainReceipt> {
    return (await this.sendRevoke(keys)).wait();
  }

  async sendRevoke(keys: string[]): Promise<SentTransaction> {
    if (keys.length > MAX_REVOKE_KEYS) throw new Error(`revoke: ${keys.length} keys, more than ${MAX_REVOKE_KEYS} per transaction`);
    return this.#writer.sendRevoke(keys, revokeGasLimit(keys.length));
  }

  receiptOf(txHash: string): Promise<ChainReceipt | undefined> {
    return this.#writer.receiptOf(txHash);
  }

  async revokedAt(key: string): Promise<number> {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new Error('revokedAt: key must be 0x-hex of 32 bytes');
    return toSafeNumber(await this.#read('revokedAt', () => this.#reader.revokedAt(key, 'latest')), 'revokedAt');
  }

  async close(): Promise<void> {
    this.#close();
  }

  /** Runs a read; an unreachable endpoint's error names the operation. */
  async #read<T>(operation: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw error instanceof ChainUnavailableError ? ChainUnavailableError.during(operation, error) : error;
    }
  }
}

function toSafeNumber(value: bigint, name: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${name} ${value} exceeds Number.MAX_SAFE_INTEGER`);
  return Number(value);
}

function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`batch index must be a non-negative integer, got ${index}`);
}
