import { Inject, Injectable } from '@nestjs/common';
import { issuerStream } from '@stackledger/domain';
import { EVENT_STORE, EventStore, StoredEvent } from '@stackledger/event-store';
import { AnchoredBatches } from '../anchoring/anchored-batches';
import { AnchoringService } from '../anchoring/anchoring.service';
import { BatchTreeCache } from '../anchoring/batch-tree-cache';
import { LedgerReads } from '../shared/ledger-reads';
import { EventProof, eventProof, ProofBundle, proofBundle } from './proof-bundle';

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
    if (!this.batches.covering(issuedSeq)) return { status: 'pending', expectedBy: this.anchoring.expectedBy() };
    const [event] = await this.store.readAll(issuedSeq, 1);
    const credential = await this.eventProof(event);
    const keySeq = await this.keyRegistrationSeq((event.data as { credential: Record<string, unknown> }).credential);
    if (keySeq === undefined) return { status: 'anchored', bundle: proofBundle(credential) };
    const [keyEvent] = await this.store.readAll(keySeq, 1);
    return { status: 'anchored', bundle: proofBundle(credential, await this.eventProof(keyEvent)) };
  }

  /** Preconditions: the event's batch is anchored (a key registered before an anchored credential is too). */
  private async eventProof(event: StoredEvent): Promise<EventProof> {
    const batch = this.batches.covering(event.seq);
    if (!batch) throw new Error(`event ${event.seq} is not anchored`);
    const tree = await this.trees.get(batch);
    const index = event.seq - batch.fromSeq;
    return eventProof(event, tree.leaf(index), tree.proof(index), batch);
  }

  /** The seq of the `IssuerKeyRegistered` of the key that signed `credential`; undefined when it is unsigned or its key was never registered. */
  private async keyRegistrationSeq(credential: Record<string, unknown>): Promise<number | undefined> {
    const proof = credential.proof as { verificationMethod?: unknown } | undefined;
    if (typeof proof?.verificationMethod !== 'string') return undefined;
    const keyId = proof.verificationMethod.split('#')[0];
    const events = await this.store.readStream(issuerStream(String(credential.issuerId)));
    const registration = events.find((e) => e.type === 'IssuerKeyRegistered' && (e.data as { keyId?: unknown }).keyId === keyId);
    // The service accepts no such credential; one appended behind its back gets the /1 bundle, which verifies as unsigned at best.
    return registration?.seq;
  }
}
