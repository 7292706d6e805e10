import type { FeeData, JsonRpcApiProvider, TransactionRequest } from 'ethers';

/** How long fee data is reused: well under a block on any public chain, so the fees follow the base fee. */
export const FEE_DATA_TTL_MS = 2_000;

/** `getFeeData()` asked once for a burst of transactions (three requests each time), then again after a moment. */
export class FeeCache {
  #fees: { at: number; data: Promise<FeeData> } | undefined;

  constructor(private readonly provider: JsonRpcApiProvider) {}

  /** The fee fields of a transaction: EIP-1559 where the chain has it, else a legacy gas price. */
  async fields(): Promise<Pick<TransactionRequest, 'type' | 'maxFeePerGas' | 'maxPriorityFeePerGas' | 'gasPrice'>> {
    const fees = await this.#data();
    return fees.maxFeePerGas !== null
      ? { type: 2, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas }
      : { type: 0, gasPrice: fees.gasPrice };
  }

  /** Forgets the fees, e.g. after a send the node refused (they may be too low now). */
  forget(): void {
    this.#fees = undefined;
  }

  #data(): Promise<FeeData> {
    if (!this.#fees || Date.now() - this.#fees.at > FEE_DATA_TTL_MS) {
      const data = this.provider.getFeeData();
      this.#fees = { at: Date.now(), data };
      data.catch(() => this.forget());
    }
    return this.#fees.data;
  }
}
