import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { AnchoredBatches } from '../anchoring/anchored-batches';
import { AnchoringService } from '../anchoring/anchoring.service';
import { BatchTreeCache } from '../anchoring/batch-tree-cache';
import { LedgerReads } from '../shared/ledger-reads';
import { ProofBundle, proofBundle } from './proof-bundle';

export type ProofAnswer = { status: 'anchored'; bundle: ProofBundle } | { status: 'pending'; expectedBy: string };

@Injectable()
export class ProofService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reads: LedgerReads,
    private readonly batches: AnchoredBatches,
    private readonly anchoring: AnchoringService,
    private readonly trees: BatchTreeCache,
  ) {}

  async proofOf(credentialId: string): Promise<ProofAnswer> {
    const { issuedSeq } = this.reads.credentialRecord(credentialId);
    const batch = this.batches.covering(issuedSeq);
    if (!batch) return { status: 'pending', expectedBy: this.anchoring.expectedBy() };
    const [event] = await this.store.readAll(issuedSeq, 1);
    const tree = await this.trees.get(batch);
    const index = issuedSeq - batch.fromSeq;
    return { status: 'anchored', bundle: proofBundle(event, tree.leaf(index), tree.proof(index), batch) };
  }
}
