import { Wallet, type TransactionReceipt, type TransactionResponse } from 'ethers';
import { anchorInterface } from '../anchor-abi';
import { ChainUnavailableError } from '../chain-errors';
import { revokeCalldata } from '../revoke-calldata';
import { FeeCache } from './fee-cache';
import { NonceKeeper } from './nonce-keeper';
import type { TransportProvider } from './transport-provider';
import { writeError } from './write-errors';

export interface AnchorWriterOptions {
  /** Blocks to wait for after each transaction (default 1). */
  readonly confirmations?: number;
  /** How long a transaction may take to get its confirmations (default 10 min). */
  readonly txTimeoutMs?: number;
  /** The longest pause between two receipt polls of a revocation (default 1 s). */
  readonly pollingIntervalMs?: number;
}

/** A transaction the chain holds. */
export interface TxReceipt {
  readonly txHash: string;
  readonly blockNumber: number;
}

/** A broadcast transaction; `wait()` resolves after the confirmations, rejects when it reverted or timed out. */
export interface SentTx {
  readonly txHash: string;
  wait(): Promise<TxReceipt>;
}

interface Call {
  to: string;
  from: string;
  data: string;
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * Sends the anchorer's transactions to StackLedgerAnchor with one key, nonces from a
 * {@link NonceKeeper} (ethers' `NonceManager`), and reverts decoded against the contract's errors.
 *
 * `anchor` is ethers' way through: `eth_estimateGas` (a revert surfaces there, decoded),
 * `NonceManager.sendTransaction`, `TransactionResponse.wait`. `sendRevoke` is the lean way, as
 * 100,000 revocations go through it in 320-key chunks: no estimate (the gas limit is a measured
 * bound given by the caller; a revert still decodes, from its receipt), calldata written out
 * ({@link revokeCalldata}), fee data reused within a burst, signed by the wallet and broadcast
 * raw, and the receipt polled raw from 10 ms on. `bench/revoke-send.ts` measures why: ethers'
 * broadcast and `wait()` parse the signed transaction again and format the receipt's 320 logs.
 */
export class AnchorWriter {
  readonly #provider: TransportProvider;
  readonly #wallet: Wallet;
  readonly #nonces: NonceKeeper;
  readonly #fees: FeeCache;
  readonly #confirmations: number;
  readonly #txTimeoutMs: number;
  readonly #pollingIntervalMs: number;

  /** Preconditions: `contract` is a checksummed address on the provider's chain; `privateKey` a valid secp256k1 key. */
  constructor(
    provider: TransportProvider,
    privateKey: string,
    readonly contract: string,
    options: AnchorWriterOptions = {},
  ) {
    this.#provider = provider;
    this.#wallet = new Wallet(privateKey, provider);
    this.#nonces = new NonceKeeper(this.#wallet, provider);
    this.#fees = new FeeCache(provider);
    this.#confirmations = options.confirmations ?? 1;
    this.#txTimeoutMs = options.txTimeoutMs ?? 600_000;
    this.#pollingIntervalMs = options.pollingIntervalMs ?? 1_000;
  }

  /** The anchorer's address. */
  get address(): string {
    return this.#wallet.address;
  }

  /** Sends `anchor(root, fromSeq, toSeq)` and waits for the confirmations. */
  async anchor(root: string, fromSeq: number, toSeq: number): Promise<TxReceipt> {
    if (!BYTES32.test(root)) throw new Error('anchor: root must be 0x-hex of 32 bytes');
    for (const [name, value] of [
      ['fromSeq', fromSeq],
      ['toSeq', toSeq],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 0) throw new Error(`anchor: ${name} must be a non-negative integer`);
    }
    const call = this.#call(anchorInterface.encodeFunctionData('anchor', [root, fromSeq, toSeq]));
    const response = await this.#attempt('anchor', async () => {
      const gasLimit = await this.#provider.estimateGas(call);
      const fees = await this.#fees.fields();
      return this.#nonces.send({
        to: call.to,
        data: call.data,
        gasLimit: (gasLimit * 12n) / 10n,
        chainId: this.#provider.chainId,
        ...fees,
      });
    });
    return this.#confirm('anchor', response, call);
  }

  /**
   * Signs and broadcasts `revoke(keys)` with the next nonce and returns once the node has it, so
   * several can be in flight. Preconditions: `gasLimit` covers `keys.length` fresh keys.
   */
  async sendRevoke(keys: readonly string[], gasLimit: number): Promise<SentTx> {
    if (keys.length === 0) throw new Error('revoke: no credential key');
    const bad = keys.findIndex((key) => !BYTES32.test(key));
    if (bad >= 0) throw new Error(`revoke: key ${bad} is not 0x-hex of 32 bytes`);
    const call = this.#call(revokeCalldata(keys));
    const txHash = await this.#attempt('revoke', async () => {
      const tx = { to: call.to, data: call.data, gasLimit, chainId: this.#provider.chainId, ...(await this.#fees.fields()) };
      return this.#nonces
        .sendSigned(tx, (signed) => this.#provider.send('eth_sendRawTransaction', [signed]))
        .catch((error: unknown) => {
          this.#fees.forget();
          throw error;
        });
    });
    return { txHash, wait: () => this.#polledReceipt('revoke', txHash, call) };
  }

  /** The receipt of a transaction the chain holds and that succeeded; undefined when it holds none (never mined, or removed by a reorganisation). */
  async receiptOf(txHash: string): Promise<TxReceipt | undefined> {
    if (!BYTES32.test(txHash)) throw new Error('receiptOf: txHash must be 0x-hex of 32 bytes');
    const receipt = await this.#rawReceipt('receiptOf', txHash);
    return receipt && receipt.status === '0x1' ? { txHash, blockNumber: Number(BigInt(receipt.blockNumber)) } : undefined;
  }

  #call(data: string): Call {
    return { to: this.contract, from: this.#wallet.address, data };
  }

  async #attempt<T>(operation: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      throw writeError(operation, this.#provider.transport.endpoint, error);
    }
  }

  /** Waits for the confirmations; a transaction mined but reverted (a race lost after the estimate) is replayed at its block to say why. */
  async #confirm(operation: string, response: TransactionResponse, call: Call): Promise<TxReceipt> {
    let receipt: TransactionReceipt | null;
    try {
      receipt = await response.wait(this.#confirmations, this.#txTimeoutMs);
    } catch (error) {
      const failed = (error as { receipt?: TransactionReceipt | null }).receipt;
      if (failed && failed.status === 0) throw await this.#whyReverted(operation, call, failed.hash, failed.blockNumber);
      throw writeError(`${operation} (tx ${response.hash})`, this.#provider.transport.endpoint, error);
    }
    if (!receipt) throw new Error(`${operation}: transaction ${response.hash} has no receipt`);
    if (receipt.status !== 1) throw await this.#whyReverted(operation, call, receipt.hash, receipt.blockNumber);
    return { txHash: receipt.hash, blockNumber: receipt.blockNumber };
  }

  async #whyReverted(operation: string, call: Call, hash: string, blockNumber: number): Promise<Error> {
    try {
      await this.#provider.call({ ...call, blockTag: blockNumber });
    } catch (error) {
      const mapped = writeError(operation, this.#provider.transport.endpoint, error);
      if (!(mapped instanceof ChainUnavailableError)) return mapped;
    }
    return new Error(`${operation}: transaction ${hash} reverted in block ${blockNumber}`);
  }

  /** Polls for the receipt (10 ms, doubling up to the polling interval) until it has its confirmations; a revert is decoded. */
  async #polledReceipt(operation: string, hash: string, call: Call): Promise<TxReceipt> {
    const deadline = Date.now() + this.#txTimeoutMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, this.#pollingIntervalMs)) {
      const receipt = await this.#rawReceipt(operation, hash);
      if (receipt) {
        const blockNumber = Number(BigInt(receipt.blockNumber));
        if (receipt.status !== '0x1') throw await this.#whyReverted(operation, call, hash, blockNumber);
        if (this.#confirmations === 1 || (await this.#head(operation)) - blockNumber + 1 >= this.#confirmations)
          return { txHash: hash, blockNumber };
      }
      if (Date.now() > deadline) throw new Error(`${operation}: transaction ${hash} not confirmed within ${this.#txTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** The receipt's status and block only: ethers would format all its logs (320 for a full revoke). */
  #rawReceipt(operation: string, hash: string): Promise<{ blockNumber: string; status: string } | null> {
    return this.#attempt(operation, () => this.#provider.send('eth_getTransactionReceipt', [hash]));
  }

  async #head(operation: string): Promise<number> {
    return Number(BigInt(await this.#attempt(operation, () => this.#provider.send('eth_blockNumber', []) as Promise<string>)));
  }
}
