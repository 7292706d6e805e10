import { credentialKey, eventHashBytes, initMerkle, leafBytesOf, MerkleTree, toHex } from '@stackledger/merkle';
import { ALL_PROJECTIONS, InMemoryDocuments } from '@stackledger/projections';
import { AuditChain } from './audit-chain.port';
import { AuditReport, Divergence, firstOf } from './audit-report';
import { LogEvent } from './log-event';
import { projectionDigest } from './projection-digest';

interface RecordedBatch {
  index: number;
  root: string;
  fromSeq: number;
  toSeq: number;
  seq: number;
}

/**
 * One pass over the log (SPEC section 8): contiguity, every event's hash and leaf, every
 * projection rebuilt from zero; then every batch root and every revocation against the chain.
 * Preconditions: `initMerkle()` awaited (see `LedgerAudit.create`); pages arrive in seq order.
 */
export class LedgerAudit {
  private leaves = new Uint8Array(32 * 1024);
  private events = 0;
  private lastSeq = 0;
  private readonly divergences: Divergence[] = [];
  readonly documents = new InMemoryDocuments(ALL_PROJECTIONS);
  /** Every credential document by id; its credentialKey is only needed (and computed) when it is revoked. */
  private readonly credentialsById = new Map<string, Record<string, unknown>>();
  private readonly revokedInLog = new Map<string, number>();
  private readonly recorded: RecordedBatch[] = [];

  private constructor(private readonly contract: string) {}

  static async create(contract: string): Promise<LedgerAudit> {
    await initMerkle();
    return new LedgerAudit(contract.toLowerCase());
  }

  consume(page: readonly LogEvent[]): void {
    for (const event of page) this.consumeOne(event);
  }

  eventsSeen(): number {
    return this.events;
  }

  async finish(chain: AuditChain): Promise<AuditReport> {
    const [chainId, batchesOnChain, onChainRevocations] = await Promise.all([chain.chainId(), chain.batchCount(), chain.revocations()]);
    let anchoredThroughSeq = 0;
    for (let index = 0; index < batchesOnChain; index++) {
      const batch = await chain.batch(index);
      this.checkBatch(index, batch, anchoredThroughSeq);
      anchoredThroughSeq = batch.toSeq;
    }
    this.checkRecords(batchesOnChain);
    const pending = this.checkRevocations(onChainRevocations, anchoredThroughSeq);
    const firstDivergence = firstOf(this.divergences);
    return {
      ok: this.divergences.length === 0,
      chainId,
      contract: this.contract,
      events: this.events,
      lastSeq: this.lastSeq,
      batchesOnChain,
      batchesChecked: batchesOnChain,
      anchoredThroughSeq,
      revocationsInLog: this.revokedInLog.size,
      revocationsOnChain: onChainRevocations.size,
      revocationsPending: pending,
      projections: this.projectionSummary(),
      ...(firstDivergence && { firstDivergence }),
      divergences: this.divergences,
    };
  }

  private consumeOne(event: LogEvent): void {
    this.events++;
    if (event.seq !== this.lastSeq + 1) {
      this.divergences.push({ check: 'contiguity', seq: this.lastSeq + 1, reason: `seq ${this.lastSeq + 1} is missing: the log goes from ${this.lastSeq} to ${event.seq}` });
      this.lastSeq = event.seq;
      return;
    }
    this.lastSeq = event.seq;
    const leaf = leafBytesOf(eventHashBytes(event));
    if (event.leaf !== undefined && toHex(leaf) !== event.leaf.toLowerCase()) {
      this.divergences.push({ check: 'event-hash', seq: event.seq, reason: `event ${event.seq} (${event.type}) does not match the leaf recorded when it was appended: its content was changed` });
    }
    this.storeLeaf(event.seq, leaf);
    this.documents.apply(event);
    this.noteRecords(event);
  }

  private noteRecords(event: LogEvent): void {
    const data = event.data as Record<string, any>;
    if (data.credential?.id !== undefined) this.credentialsById.set(data.credential.id, data.credential);
    if (event.type === 'CredentialRevoked') {
      const credential = this.credentialsById.get(data.credentialId);
      const key = credential && credentialKey(credential);
      if (key !== undefined && !this.revokedInLog.has(key)) this.revokedInLog.set(key, event.seq);
    }
    if (event.type === 'BatchAnchored' && String(data.contract).toLowerCase() === this.contract) {
      this.recorded.push({ index: data.index, root: String(data.root).toLowerCase(), fromSeq: data.fromSeq, toSeq: data.toSeq, seq: event.seq });
    }
  }

  private storeLeaf(seq: number, leaf: Uint8Array): void {
    if (seq * 32 > this.leaves.length) {
      const grown = new Uint8Array(Math.max(this.leaves.length * 2, seq * 32));
      grown.set(this.leaves);
      this.leaves = grown;
    }
    this.leaves.set(leaf, (seq - 1) * 32);
  }

  private checkBatch(index: number, batch: { root: string; fromSeq: number; toSeq: number }, previousToSeq: number): void {
    if (batch.fromSeq !== previousToSeq + 1 || batch.toSeq > this.lastSeq) {
      this.divergences.push({ check: 'batch-range', seq: batch.fromSeq, batch: index, reason: `batch ${index} covers seq ${batch.fromSeq}-${batch.toSeq}, which the log (1-${this.lastSeq}) does not hold contiguously` });
      return;
    }
    const root = MerkleTree.fromLeaves(this.leafSlice(batch.fromSeq, batch.toSeq)).root;
    if (root !== batch.root.toLowerCase()) {
      // A root mismatch is a consequence; the event the log already found wrong inside the batch is the cause.
      const culprit = this.divergences.find((d) => (d.check === 'event-hash' || d.check === 'contiguity') && d.seq! >= batch.fromSeq && d.seq! <= batch.toSeq);
      this.divergences.push({
        check: 'batch-root',
        seq: culprit?.seq ?? batch.fromSeq,
        batch: index,
        reason: `batch ${index} (seq ${batch.fromSeq}-${batch.toSeq}): the log gives root ${root}, the chain holds ${batch.root}`,
      });
    }
  }

  private leafSlice(fromSeq: number, toSeq: number): Uint8Array[] {
    const leaves: Uint8Array[] = [];
    for (let seq = fromSeq; seq <= toSeq; seq++) leaves.push(this.leaves.subarray((seq - 1) * 32, seq * 32));
    return leaves;
  }

  /** The log's own BatchAnchored records must name what the chain holds. */
  private checkRecords(batchesOnChain: number): void {
    for (const record of this.recorded) {
      if (record.index >= batchesOnChain) {
        this.divergences.push({ check: 'batch-record', seq: record.seq, batch: record.index, reason: `the log records batch ${record.index}, which the contract does not hold` });
      }
    }
  }

  private checkRevocations(onChain: Map<string, number>, anchoredThroughSeq: number): number {
    let pending = 0;
    for (const [key, seq] of this.revokedInLog) {
      if (onChain.has(key)) continue;
      if (seq > anchoredThroughSeq) pending++;
      else this.divergences.push({ check: 'revocation-missing-on-chain', seq, reason: `the revocation at seq ${seq} (credentialKey ${key}) is anchored but not on chain` });
    }
    for (const key of onChain.keys()) {
      if (!this.revokedInLog.has(key)) this.divergences.push({ check: 'revocation-missing-in-log', reason: `credentialKey ${key} is revoked on chain but no revocation in the log names it` });
    }
    return pending;
  }

  private projectionSummary(): AuditReport['projections'] {
    return {
      issuers: this.documents.entries('issuer').length,
      credentials: this.documents.entries('credential').length,
      learners: this.documents.entries('learner').length,
      digest: projectionDigest(this.documents),
    };
  }
}
