import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { AnchoredBatch } from '@stackledger/projections';
import { AnchoredBatches } from '../anchoring/anchored-batches';
import { AnchoringService } from '../anchoring/anchoring.service';
import { MerkleTree } from '@stackledger/merkle';
import { batchTreeOf } from '../anchoring/batch-tree';
import { LedgerReads } from '../shared/ledger-reads';
import { ProofBundle, proofBundle } from './proof-bundle';

export type ProofAnswer = { status: 'anchored'; bundle: ProofBundle } | { status: 'pending'; expectedBy: string };

const CACHED_TREES = 4;

@Injectable()
export class ProofService {
  /** Recent batches' trees: proofs for one batch are asked for in bursts (a cohort's certificates). */
  private readonly trees = new Map<string, Promise<MerkleTree>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reads: LedgerReads,
    private readonly batches: AnchoredBatches,
    private readonly anchoring: AnchoringService,
  ) {}

  async proofOf(credentialId: string): Promise<ProofAnswer> {
    const { issuedSeq } = this.reads.credential(credentialId);
    const batch = this.batches.covering(issuedSeq);
    if (!batch) return { status: 'pending', expectedBy: this.anchoring.expectedBy() };
    const [event] = await this.store.readAll(issuedSeq, 1);
    const tree = await this.treeOf(batch);
    const index = issuedSeq - batch.fromSeq;
    return { status: 'anchored', bundle: proofBundle(event, tree.leaf(index), tree.proof(index), batch) };
  }

  private treeOf(batch: AnchoredBatch): Promise<MerkleTree> {
    const key = `${batch.contract}:${batch.index}`;
    let tree = this.trees.get(key);
    if (!tree) {
      // Stored leaves when the store keeps them: a million-event batch costs ~1 s once, then O(log n) per proof.
      tree = batchTreeOf(this.store, batch.fromSeq, batch.toSeq);
      tree.catch(() => this.trees.delete(key));
      this.trees.set(key, tree);
      if (this.trees.size > CACHED_TREES) this.trees.delete(this.trees.keys().next().value as string);
    }
    return tree;
  }
}
