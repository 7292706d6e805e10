import { keccak256, NonceManager, type JsonRpcApiProvider, type TransactionRequest, type TransactionResponse, type Wallet } from 'ethers';

/**
 * The anchorer's nonces: counted by ethers' `NonceManager`, so transactions go out back to back
 * with consecutive nonces without waiting for the node to count the previous one, and put back
 * in step with the node where `NonceManager` alone would go wrong:
 *
 * - after a failed send: `NonceManager` has counted it already, and the gap would leave every
 *   later transaction waiting for ever;
 * - when the node counts more than we do: another process sent with this key (a second API
 *   instance that anchored while this one did not);
 * - when we count more, but the node no longer knows our last transaction: a reorganisation
 *   dropped it, and its nonce is free again.
 *
 * A count ahead of a node that still knows our last transaction is kept: that node lags. Sends
 * run one at a time, so the check and the send see the same count.
 */
export class NonceKeeper {
  readonly #nonces: NonceManager;
  readonly #wallet: Wallet;
  readonly #provider: JsonRpcApiProvider;
  #queue: Promise<unknown> = Promise.resolve();
  #last: { nonce: number; hash: string } | undefined;

  /** Preconditions: `wallet` is connected to `provider`. */
  constructor(wallet: Wallet, provider: JsonRpcApiProvider) {
    this.#wallet = wallet;
    this.#provider = provider;
    this.#nonces = new NonceManager(wallet);
  }

  /** `NonceManager.sendTransaction`, once the count is in step with the node. */
  send(tx: TransactionRequest): Promise<TransactionResponse> {
    return this.#serialised(async () => {
      await this.#sync();
      const response = await this.#nonces.sendTransaction(tx);
      this.#last = { nonce: response.nonce, hash: response.hash };
      return response;
    });
  }

  /**
   * Signs `tx` with the wallet and the next nonce (taken with `NonceManager.increment`, its way for
   * transactions signed offline) and hands the signed bytes to `broadcast`; resolves with the
   * transaction hash. For the revocation path, which broadcasts and follows receipts itself.
   * Preconditions: `tx` has every field but the nonce (type, fees, gas limit, chain id).
   */
  sendSigned(tx: TransactionRequest, broadcast: (signed: string) => Promise<unknown>): Promise<string> {
    return this.#serialised(async () => {
      await this.#sync();
      const nonce = await this.#nonces.getNonce('pending');
      this.#nonces.increment();
      const signed = await this.#wallet.signTransaction({ ...tx, nonce });
      await broadcast(signed);
      const hash = keccak256(signed);
      this.#last = { nonce, hash };
      return hash;
    });
  }

  async #sync(): Promise<void> {
    const address = this.#wallet.address;
    // eth_getTransactionCount through send(): the node's own count, not a cached one.
    const [counted, ours] = await Promise.all([
      this.#provider.send('eth_getTransactionCount', [address, 'pending']) as Promise<string>,
      this.#nonces.getNonce('pending'),
    ]);
    const pending = Number(BigInt(counted));
    if (pending === ours) return;
    if (pending < ours && this.#last && (await this.#provider.send('eth_getTransactionByHash', [this.#last.hash]))) return;
    this.#nonces.reset();
  }

  #serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task).catch((error: unknown) => {
      this.#nonces.reset();
      this.#last = undefined;
      throw error;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
