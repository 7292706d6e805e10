/**
 * The in-process seq index: the global `seq` is the ordinal of the ledger's events in `$all`
 * order (system records skipped), so every process that reads `$all` from the start computes the
 * same seqs, whichever adapter or process wrote the events.
 *
 * Two feeds keep it current: forward reads of `$all` from the last position seen (`catchUp`, used
 * on first start and whenever a caller needs everything committed so far) and a `subscribeToAll`
 * from that position (so live appends by other processes arrive without polling). Each feed is
 * complete and ordered from where it starts, and `ingest` drops any position at or before the last
 * one seen, so together they neither skip nor repeat a record.
 */
import { START, type AllStreamResolvedEvent, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { LedgerLayout } from './ledger-event';
import { comparePositions, LedgerEntries, type LogPosition } from './ledger-entries';

/** Records per forward read while catching up. */
const CATCH_UP_PAGE = 4096;
const RESUBSCRIBE_DELAY_MS = 200;

export class SeqIndex {
  private readonly entries = new LedgerEntries();
  private lastSeen: LogPosition | undefined;
  private started: Promise<void> | undefined;
  private subscription: AllStreamSubscription | undefined;
  private subscribing: Promise<void> | undefined;
  private readonly growthListeners = new Set<() => void>();
  private catchUpRunning: Promise<void> = Promise.resolve();
  private catchUpQueued: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    readonly layout: LedgerLayout,
  ) {}

  /** Reads `$all` from the start, then follows it live. Safe to call repeatedly; runs once. */
  start(): Promise<void> {
    this.started ??= this.catchUp().then(
      () => {
        this.subscribing = this.follow();
      },
      (error: unknown) => {
        this.started = undefined; // let the next call try again
        throw error;
      },
    );
    return this.started;
  }

  get length(): number {
    return this.entries.length;
  }

  positionOf(seq: number): LogPosition | undefined {
    return this.entries.positionOf(seq);
  }

  seqAt(position: LogPosition): number | undefined {
    return this.entries.seqAt(position);
  }

  seqOfId(id: string): number | undefined {
    return this.entries.seqOfId(id);
  }

  /**
   * Reads `$all` forwards from the last position seen to its end, so that everything committed
   * before the call is indexed when it resolves. Calls made while one runs share the next run:
   * the running one may have passed the end before their events were committed.
   */
  catchUp(): Promise<void> {
    if (!this.catchUpQueued) {
      const run = this.catchUpRunning.then(() => {
        this.catchUpQueued = undefined;
        return this.readForward();
      });
      this.catchUpQueued = run;
      this.catchUpRunning = run.catch(() => undefined);
    }
    return this.catchUpQueued;
  }

  /** Resolves once the record at `position` has been seen (by either feed). */
  async ensureSeen(position: LogPosition): Promise<void> {
    if (this.lastSeen && comparePositions(this.lastSeen, position) >= 0) return;
    await this.catchUp();
  }

  /** Calls `listener` whenever ledger events are added; returns the function that stops it. */
  onGrowth(listener: () => void): () => void {
    this.growthListeners.add(listener);
    return () => this.growthListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.growthListeners.clear();
    const subscription = this.subscription;
    if (subscription) {
      await subscription.unsubscribe();
      // A cancelled gRPC read never ends the client's stream object: destroying it ends the loop.
      subscription.destroy();
    }
    await this.subscribing;
  }

  private async readForward(): Promise<void> {
    for (;;) {
      let read = 0;
      const from = this.lastSeen ?? START;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: CATCH_UP_PAGE })) {
        read++;
        this.ingest(resolved);
      }
      if (read < CATCH_UP_PAGE || this.closed) return;
    }
  }

  /** The live feed; on a dropped subscription, resubscribes from the last position seen. */
  private async follow(): Promise<void> {
    while (!this.closed) {
      try {
        const subscription = this.client.subscribeToAll({ fromPosition: this.lastSeen ?? START });
        this.subscription = subscription;
        for await (const resolved of subscription) this.ingest(resolved as AllStreamResolvedEvent);
      } catch {
        // Dropped (server restart, network): the catch-up reads stay correct meanwhile.
      }
      if (!this.closed) await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
    }
  }

  private ingest(resolved: AllStreamResolvedEvent): void {
    const recorded = resolved.event;
    if (!recorded?.position || this.closed) return;
    if (this.lastSeen && comparePositions(recorded.position, this.lastSeen) <= 0) return;
    this.lastSeen = recorded.position;
    if (!this.layout.isLedgerRecord(recorded.streamId, recorded.type)) return;
    this.entries.push(recorded.position, recorded.id);
    for (const listener of [...this.growthListeners]) listener();
  }
}
