import { Logger } from '@nestjs/common';
import { capability, EventStore, LedgerFile, SqliteLedgerFile, StoredEvent, Subscription } from '@stackledger/event-store';
import { ReadModelRebuild } from './read-model-rebuild';
import { ReadModelStore } from './read-model.store';
import { TwoThreadRebuild } from './two-thread-rebuild';

/**
 * Events applied per read-model transaction when catching up on stored read models: a large batch
 * reads and writes each document it touches (a learner's view, many times) once, and commits
 * rarely. 100 k events hold about 150 MiB until applied; catching up on 100 k events this way ran
 * at 14-16 k events/s with 20 k per batch, 21-24 k with 100 k.
 */
const BATCH = 100_000;

export interface ProjectorEvents {
  /** The read models committed through `seq`. */
  committed(seq: number): void;
  /** Projection stopped: nothing after the last commit is applied. */
  failed(error: unknown): void;
}

/** The event store when it is a SQLite file that other threads can open, with that file. */
export function sqliteFileOf(store: EventStore): { store: EventStore & SqliteLedgerFile; file: string } | undefined {
  const shared = capability(store, SqliteLedgerFile);
  return shared && { store: shared, file: shared.ledgerFile };
}

/**
 * Feeds read models from the event store through a checkpointed catch-up subscription, on the
 * thread it is created on (the API's, or the projector's own: projector.worker.ts). Empty read
 * models are rebuilt in memory, on two threads when the log is large, and written in one go.
 */
export class InProcessProjector {
  private readonly logger = new Logger(InProcessProjector.name);
  private subscription?: Subscription;
  /** Delivered but not yet applied: flushed at BATCH events, or once the subscription yields. */
  private pending: StoredEvent[] = [];
  private flushScheduled = false;
  /** Set while empty read models are rebuilt in memory, until the subscription first yields. */
  private rebuilding?: ReadModelRebuild;
  /** Set while empty read models are rebuilt on two threads, before the subscription starts. */
  private twoThreads?: TwoThreadRebuild;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly events: ProjectorEvents,
  ) {}

  start(): void {
    const twoThreads = this.twoThreadRebuild();
    if (twoThreads) void this.rebuildOnTwoThreads(twoThreads);
    else this.subscribe();
  }

  async stop(): Promise<void> {
    await this.stopTwoThreads();
    await this.subscription?.close();
    this.subscription = undefined;
    this.flush();
  }

  /** Drops the read models and projects the whole log again. */
  async rebuild(): Promise<void> {
    await this.stopTwoThreads();
    await this.subscription?.close();
    this.pending = [];
    this.rebuilding = undefined;
    this.readModels.reset();
    this.start();
  }

  private subscribe(): void {
    this.rebuilding = this.readModels.startRebuild();
    this.subscription = this.store.subscribe({
      afterSeq: this.readModels.checkpoint(),
      handler: (event) => this.project(event),
      onError: (error) => this.events.failed(error),
    });
  }

  /** For empty read models over a large enough SQLite file; the subscription then goes on from its head. */
  private twoThreadRebuild(): TwoThreadRebuild | undefined {
    const { readModels } = this;
    const sqlite = sqliteFileOf(this.store);
    if (readModels.checkpoint() !== 0 || !sqlite) return undefined;
    if (TwoThreadRebuild.secondThreadShare(readModels.projections).length === 0) return undefined;
    const ledger = LedgerFile.openReadOnly(sqlite.file);
    const head = ledger.head();
    ledger.close();
    return head >= readModels.twoThreadRebuildFromEvents ? new TwoThreadRebuild(readModels, sqlite.file, head) : undefined;
  }

  private async rebuildOnTwoThreads(rebuild: TwoThreadRebuild): Promise<void> {
    this.twoThreads = rebuild;
    let outcome: Awaited<ReturnType<TwoThreadRebuild['run']>> | 'failed';
    try {
      outcome = await rebuild.run();
    } catch (error) {
      this.logger.warn(`the two-thread rebuild failed (${String(error)}); rebuilding on one thread`);
      outcome = 'failed';
    }
    if (this.twoThreads !== rebuild || outcome === 'cancelled') return; // stopped meanwhile
    this.twoThreads = undefined;
    if (outcome === 'too-large') this.logger.log('the read models are too large to rebuild in one go on two threads: rebuilding on one, batch by batch');
    // From the rebuilt head, or from the first event on one thread.
    this.subscribe();
    if (outcome === 'committed') this.events.committed(rebuild.throughSeq);
  }

  private async stopTwoThreads(): Promise<void> {
    const rebuild = this.twoThreads;
    this.twoThreads = undefined;
    await rebuild?.cancel();
  }

  /**
   * Folds the event into a rebuild, or buffers it: a catch-up delivers pages without yielding to
   * the event loop, so events gather and are applied BATCH per transaction; a live event is applied
   * as soon as the subscription yields (setImmediate), a few microseconds later.
   */
  private project(event: StoredEvent): void {
    if (this.rebuilding) {
      let full: boolean;
      try {
        full = this.rebuilding.fold(event);
      } catch (error) {
        // The fold may have applied the event by halves: nothing of it may be committed.
        this.rebuilding = undefined;
        return this.fail(error);
      }
      if (full) this.flush();
    } else {
      this.pending.push(event);
      if (this.pending.length >= BATCH) return this.flush();
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.rebuilding) return this.commitRebuild(this.rebuilding);
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    try {
      this.readModels.apply(events);
    } catch (error) {
      return this.fail(error);
    }
    this.events.committed(events[events.length - 1].seq);
  }

  /**
   * A catch-up delivers without yielding, so the first flush comes once the rebuild has reached the
   * head (or holds too much): it is written in one go, and later events go batch by batch.
   */
  private commitRebuild(rebuild: ReadModelRebuild): void {
    this.rebuilding = undefined;
    try {
      this.readModels.commitRebuild(rebuild);
    } catch (error) {
      return this.fail(error);
    }
    this.events.committed(rebuild.lastSeq);
  }

  private fail(error: unknown): void {
    this.events.failed(error);
    void this.subscription?.close();
  }
}
