import { Inject, Injectable } from '@nestjs/common';
import { AnchoredBatch, AnchorHead, batchKey, contractKey } from '@stackledger/projections';
import { ApplicationError } from '../errors/application-error';
import { ReadModelStore } from '../projections/read-model.store';
import { READ_MODELS } from '../projections/read-models.token';
import { ANCHOR_CHAIN, AnchorChain, ChainLocation } from './anchor-chain.port';

/** The batches this instance's read models hold for the configured contract. */
@Injectable()
export class AnchoredBatches {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(ANCHOR_CHAIN) private readonly chain: AnchorChain | null,
  ) {}

  location(): ChainLocation {
    if (!this.chain)
      throw new ApplicationError('CHAIN.NOT_CONFIGURED', 'no chain is configured: set CHAIN_RPC_URL and ANCHOR_CONTRACT, or use npm start');
    return this.chain.location();
  }

  head(): AnchorHead {
    const { chainId, contract } = this.location();
    return this.readModels.get<AnchorHead>('anchor-head', contractKey(chainId, contract)) ?? { count: 0, toSeq: 0 };
  }

  get(index: number): AnchoredBatch {
    const { chainId, contract } = this.location();
    const batch = this.readModels.get<AnchoredBatch>('anchor-batch', batchKey(chainId, contract, index));
    if (!batch) throw new ApplicationError('ANCHOR.NOT_FOUND', `batch ${index} is not anchored on ${contract}`, 'index');
    return batch;
  }

  list(fromIndex: number, limit: number): AnchoredBatch[] {
    const end = Math.min(this.head().count, fromIndex + limit);
    const batches: AnchoredBatch[] = [];
    for (let i = fromIndex; i < end; i++) batches.push(this.get(i));
    return batches;
  }

  /** The batch covering `seq`, by binary search over the contiguous batches; undefined when not yet anchored. */
  covering(seq: number): AnchoredBatch | undefined {
    const head = this.head();
    if (seq > head.toSeq) return undefined;
    let low = 0;
    let high = head.count - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const batch = this.get(mid);
      if (seq < batch.fromSeq) high = mid - 1;
      else if (seq > batch.toSeq) low = mid + 1;
      else return batch;
    }
    return undefined;
  }
}
