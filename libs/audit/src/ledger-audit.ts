import { initMerkle, MerkleTree } from '@stackledger/merkle';
import { ALL_PROJECTIONS, InMemoryDocuments, ProjectedEvent } from '@stackledger/projections';
import { AuditChain } from './audit-chain.port';
import { AuditReport, Divergence, firstOf } from './audit-report';
import { EventHashCheck, HashCheckResult } from './event-hash-check';
import { LogEvent } from './log-event';
import { projectionSummary } from './projection-digest';
import { RevocationsInLog } from './revocations-in-log';

/** What `consume` checks per event besides the fold, when it is done elsewhere: see `adopt`. */
export interface EventChecksResult extends HashCheckResult {
  /** credentialKey and the seq that first revoked it, in seq order (see `RevocationsInLog`). */
  revocations: [key: string, seq: number][];
}

interface RecordedBatch {
  index: number;
  root: string;
  fromSeq: number;
  toSeq: number;
  seq: number;
}

/**
 * One pass over the log: contiguity, every event's hash and leaf, every
 * projection rebuilt from zero; then every batch root and every revocation against the chain.
 * The per-event checks (hash, revocations) either run here (`consume`) or elsewhere over the same
 * events while this folds them (`fold`, then `adopt` with their result): see `auditSqlite`.
 * Preconditions: `initMerkle()` awaited (see `LedgerAudit.create`); pages arrive in seq order.
 */
export class LedgerAudit {
  private readonly hashCheck = new EventHashCheck();
  private readonly revocations = new RevocationsInLog<Record<string, unknown>>(
    (_seq, credential) => credential,
    (credential) => credential,
  );
  /** Set by `adopt` (or by `finish` from the checks run here). */
  private checked: { leaves: Uint8Array; revokedInLog: Map<string, number> } | undefined;
  private events = 0;
  private lastSeq = 0;
  private readonly divergences: Divergence[] = [];
  readonly documents = new InMemoryDocuments(ALL_PROJECTIONS);
  private projections: AuditReport['projections'] | undefined;
  private recorded: RecordedBatch[] = [];
  /** How far the log says revocations were pushed on chain (RevocationsPushed / RevocationsOrphaned of this contract). */
  private revocationsPushedThroughSeq = 0;

  private constructor(private readonly contract: string) {}

  static async create(contract: string): Promise<LedgerAudit> {
    await initMerkle();
    return new LedgerAudit(contract.toLowerCase());
  }

  consume(page: readonly LogEvent[]): void {
    for (const event of page) {
      if (!this.follows(event.seq)) continue;
      this.hashCheck.check(event, event.leaf);
      this.revocations.note(event.seq, event.type, event.data);
      this.foldOne(event);
    }
  }

  /** `consume` without the per-event checks: the caller runs them over the same events and hands their result to `adopt`. */
  fold(event: ProjectedEvent): void {
    if (this.follows(event.seq)) this.foldOne(event);
  }

  /** The per-event checks of the events given to `fold`, run elsewhere (they skip events after a gap as `fold` does). Call once, before `finish`. */
  adopt(result: EventChecksResult): void {
    if (this.checked !== undefined) throw new Error('the per-event checks were already adopted');
    this.checked = { leaves: result.leaves, revokedInLog: new Map(result.revocations) };
    // In seq order, as one pass would have found them: `checkBatch` names the first culprit inside a batch.
    this.divergences.push(...result.divergences);
    this.divergences.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  }

  /**
   * Digests the read models now rather than in `finish`: a caller whose per-event checks still run
   * elsewhere spends the wait on it. Call after the last event.
   */
  summariseProjections(): AuditReport['projections'] {
    this.projections ??= projectionSummary(this.documents);
    return this.projections;
  }

  eventsSeen(): number {
    return this.events;
  }

  async finish(chain: AuditChain): Promise<AuditReport> {
    if (this.checked === undefined) this.adopt({ ...this.hashCheck.result(), revocations: [...this.revocations.byKey()] });
    const { revokedInLog } = this.checked!;
    const [chainId, batchesOnChain, onChainRevocations] = await Promise.all([chain.chainId(), chain.batchCount(), chain.revocations()]);
    let anchoredThroughSeq = 0;
    for (let index = 0; index < batchesOnChain; index++) {
      const batch = await chain.batch(index);
      this.checkBatch(index, batch, anchoredThroughSeq);
      anchoredThroughSeq = batch.toSeq;
    }
    this.checkRecords(batchesOnChain);
    const pending = this.checkRevocations(revokedInLog, onChainRevocations);
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
      revocationsInLog: revokedInLog.size,
      revocationsOnChain: onChainRevocations.size,
      revocationsPending: pending,
      projections: this.summariseProjections(),
      ...(firstDivergence && { firstDivergence }),
      divergences: this.divergences,
    };
  }

  /** Counts the event; false (and a contiguity divergence) when seqs were skipped before it: such an event is neither hashed nor folded. */
  private follows(seq: number): boolean {
    this.events++;
    const expected = this.lastSeq + 1;
    this.lastSeq = seq;
    if (seq === expected) return true;
    this.divergences.push({
      check: 'contiguity',
      seq: expected,
      reason: `seq ${expected} is missing: the log goes from ${expected - 1} to ${seq}`,
    });
    return false;
  }

  private foldOne(event: ProjectedEvent): void {
    this.documents.apply(event);
    this.noteRecords(event);
  }

  private noteRecords(event: ProjectedEvent): void {
    const data = event.data as { contract?: unknown; index: number; root?: unknown; fromSeq: number; toSeq: number };
    if (event.stream !== 'anchor' || String(data.contract).toLowerCase() !== this.contract) return;
    switch (event.type) {
      case 'BatchAnchored':
        this.recorded.push({
          index: data.index,
          root: String(data.root).toLowerCase(),
          fromSeq: data.fromSeq,
          toSeq: data.toSeq,
          seq: event.seq,
        });
        return;
      case 'BatchOrphaned': // a reorganisation removed it; the job anchors it again under the same index
        this.recorded = this.recorded.filter((r) => r.index !== data.index);
        return;
      case 'RevocationsPushed':
        this.revocationsPushedThroughSeq = Math.max(this.revocationsPushedThroughSeq, data.toSeq);
        return;
      case 'RevocationsOrphaned':
        this.revocationsPushedThroughSeq = Math.min(this.revocationsPushedThroughSeq, data.fromSeq - 1);
        return;
    }
  }

  private checkBatch(index: number, batch: { root: string; fromSeq: number; toSeq: number }, previousToSeq: number): void {
    if (batch.fromSeq !== previousToSeq + 1 || batch.toSeq > this.lastSeq) {
      this.divergences.push({
        check: 'batch-range',
        seq: batch.fromSeq,
        batch: index,
        reason: `batch ${index} covers seq ${batch.fromSeq}-${batch.toSeq}, which the log (1-${this.lastSeq}) does not hold contiguously`,
      });
      return;
    }
    const root = MerkleTree.fromFlatLeaves(this.leafRange(batch.fromSeq, batch.toSeq)).root;
    if (root !== batch.root.toLowerCase()) {
      // A root mismatch is a consequence; the event the log already found wrong inside the batch is the cause.
      const culprit = this.divergences.find(
        (d) => (d.check === 'event-hash' || d.check === 'contiguity') && d.seq! >= batch.fromSeq && d.seq! <= batch.toSeq,
      );
      this.divergences.push({
        check: 'batch-root',
        seq: culprit?.seq ?? batch.fromSeq,
        batch: index,
        reason: `batch ${index} (seq ${batch.fromSeq}-${batch.toSeq}): the log gives root ${root}, the chain holds ${batch.root}`,
      });
    }
  }

  /** The leaves of `fromSeq..toSeq` laid end to end; an event never hashed (right after a gap) counts as 32 zero bytes. */
  private leafRange(fromSeq: number, toSeq: number): Uint8Array {
    const range = this.checked!.leaves.subarray((fromSeq - 1) * 32, toSeq * 32);
    if (range.length === (toSeq - fromSeq + 1) * 32) return range;
    const padded = new Uint8Array((toSeq - fromSeq + 1) * 32);
    padded.set(range);
    return padded;
  }

  /** The log's own BatchAnchored records must name what the chain holds. */
  private checkRecords(batchesOnChain: number): void {
    for (const record of this.recorded) {
      if (record.index >= batchesOnChain) {
        this.divergences.push({
          check: 'batch-record',
          seq: record.seq,
          batch: record.index,
          reason: `the log records batch ${record.index}, which the contract does not hold`,
        });
      }
    }
  }

  /**
   * The anchoring job pushes revocations after the anchor of their batch, chunk by chunk, and
   * records how far it got: a revocation after that mark and not on chain is pending (the next run
   * pushes it); one before the mark and not on chain is a divergence.
   */
  private checkRevocations(revokedInLog: Map<string, number>, onChain: Map<string, number>): number {
    let pending = 0;
    const pushedThrough = this.revocationsPushedThroughSeq;
    for (const [key, seq] of revokedInLog) {
      if (onChain.has(key)) continue;
      if (seq > pushedThrough) pending++;
      else
        this.divergences.push({
          check: 'revocation-missing-on-chain',
          seq,
          reason: `the revocation at seq ${seq} (credentialKey ${key}) is recorded as pushed (through seq ${pushedThrough}) but is not on chain`,
        });
    }
    for (const key of onChain.keys()) {
      if (!revokedInLog.has(key))
        this.divergences.push({
          check: 'revocation-missing-in-log',
          reason: `credentialKey ${key} is revoked on chain but no revocation in the log names it`,
        });
    }
    return pending;
  }
}
