import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { MerkleTree } from '@stackledger/merkle';
import { batchTreeOf } from './batch-tree';

export interface BatchRange {
  contract: string;
  index: number;
  fromSeq: number;
  toSeq: number;
}

const CACHED_TREES = 4;

/**
 * The trees of the most recent batches. Proofs for a batch come in bursts (a cohort's
 * certificates) right after it is anchored, so the anchoring job hands over the tree it just built
 * and the first proof does not pay for rebuilding it.
 */
@Injectable()
export class BatchTreeCache {
  private readonly trees = new Map<string, Promise<MerkleTree>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  get(batch: BatchRange): Promise<MerkleTree> {
    const key = keyOf(batch);
    const cached = this.trees.get(key);
    if (cached) return cached;
    const tree = batchTreeOf(this.store, batch.fromSeq, batch.toSeq);
    tree.catch(() => this.trees.delete(key));
    this.put(key, tree);
    return tree;
  }

  remember(batch: BatchRange, tree: MerkleTree): void {
    this.put(keyOf(batch), Promise.resolve(tree));
  }

  private put(key: string, tree: Promise<MerkleTree>): void {
    this.trees.delete(key);
    this.trees.set(key, tree);
    if (this.trees.size > CACHED_TREES) this.trees.delete(this.trees.keys().next().value as string);
  }
}

const keyOf = (batch: BatchRange): string => `${batch.contract.toLowerCase()}:${batch.index}`;
