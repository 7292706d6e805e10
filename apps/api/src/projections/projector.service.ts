import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore, headSeqOf, SqliteEventStore, StoredEvent, Subscription } from '@stackledger/event-store';
import { DomainError } from '@stackledger/domain';
import { ReadModelRebuild } from './read-model-rebuild';
import { ReadModelStore } from './read-model.store';
import { READ_MODELS } from './read-models.token';
import { TwoThreadRebuild } from './two-thread-rebuild';
import { ProjectorThread } from './projector-thread';

/**
 * Events applied per read-model transaction when catching up on stored read models: a large batch
 * reads and writes each document it touches (a learner's view, many times) once, and commits
 * rarely. 100 k events hold about 150 MiB until applied; catching up on 100 k events this way ran
 * at 14-16 k events/s with 20 k per batch, 21-24 k with 100 k.
 */
const BATCH = 100_000;

interface Waiter {
  seq: number;
  resolve: () => void;
}

/**
 * Feeds this instance's read models from the event store through a checkpointed catch-up
 * subscription (never from the in-process EventBus, which is neither durable nor ordered). Over
 * SQLite files, when the read models allow it, the same service runs on a thread of its own
 * (projector-thread.ts) and this one follows its commits.
 */
@Injectable()
export class ProjectorService implements OnModuleInit {
  private readonly logger = new Logger(ProjectorService.name);
  private subscription?: Subscription;
  private waiters: Waiter[] = [];
  private failure?: unknown;
  /** Delivered but not yet applied: flushed at BATCH events, or once the subscription yields. */
  private pending: StoredEvent[] = [];
  private flushScheduled = false;
  /** Set while empty read models are rebuilt in memory, until the subscription first yields. */
  private rebuilding?: ReadModelRebuild;
  /** Set while empty read models are rebuilt on two threads, before the subscription starts. */
  private twoThreads?: TwoThreadRebuild;
  /** Set when the projector runs on its own thread: this instance then only follows it. */
  private thread?: ProjectorThread;
  private unwatchAppends?: () => void;
  /** Resolves `onModuleInit` on the thread's failure too: the API then starts, unhealthy. */
  private startupWaiter?: () => void;
  /** Told of every commit and of the failure that stops projection (the thread reports with these). */
  onCommitted?: (seq: number) => void;
  onFailed?: (error: unknown) => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  /**
   * Starts projecting. On its own thread, resolves once the read models reach the head stored now
   * (or projection fails), so the API does not answer from read models still being rebuilt: in
   * process, the catch-up holds the event loop until then anyway.
   */
  async onModuleInit(): Promise<void> {
    const { readModels } = this;
    const sqlite = this.sqliteFile();
    if (!readModels.projectorThread || !sqlite || readModels.path === ':memory:') return this.start();
    const head = await sqlite.store.headSeq();
    const caughtUp = new Promise<void>((resolve) => {
      this.startupWaiter = resolve;
      this.waiters.push({ seq: head, resolve });
    });
    this.thread = new ProjectorThread(
      { eventFile: sqlite.file, readModelFile: readModels.path, options: readModels.options },
      {
        position: (seq) => {
          readModels.adoptCheckpoint(seq);
          this.release(seq);
        },
        failed: (error) => this.fail(error),
      },
    );
    this.unwatchAppends = sqlite.store.watchAppends(() => this.thread?.appended());
    // Nothing is served before this resolves: the thread gets the file to itself meanwhile.
    readModels.suspend();
    this.release(this.position());
    await caughtUp;
    this.startupWaiter = undefined;
    readModels.resume();
  }

  async stop(): Promise<void> {
    if (this.thread) {
      this.unwatchAppends?.();
      await this.thread.stop();
      this.thread = undefined;
      return;
    }
    await this.stopTwoThreads();
    await this.subscription?.close();
    this.subscription = undefined;
    this.flush();
  }

  position(): number {
    return this.readModels.checkpoint();
  }

  healthy(): boolean {
    return this.failure === undefined;
  }

  /** Resolves once the read models include `seq`, so a client reads its own writes. */
  async waitFor(seq: number, timeoutMs: number): Promise<void> {
    if (this.position() >= seq) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new DomainError('PROJECTION.LAGGING', `read models have not reached seq ${seq} yet; retry the read`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ seq, resolve: done });
    });
  }

  async rebuild(): Promise<void> {
    if (this.thread) {
      this.failure = undefined;
      await this.thread.rebuild();
      this.readModels.adoptCheckpoint(this.readModels.checkpointInFile());
      return;
    }
    await this.stopTwoThreads();
    await this.subscription?.close();
    this.pending = [];
    this.rebuilding = undefined;
    this.readModels.reset();
    this.start();
  }

  private start(): void {
    this.failure = undefined;
    const twoThreads = this.twoThreadRebuild();
    if (twoThreads) void this.rebuildOnTwoThreads(twoThreads);
    else this.subscribe();
  }

  private subscribe(): void {
    this.rebuilding = this.readModels.startRebuild();
    this.subscription = this.store.subscribe({
      afterSeq: this.readModels.checkpoint(),
      handler: (event) => this.project(event),
      onError: (error) => this.failed(error),
    });
  }

  /** For empty read models over a large enough SQLite file; the subscription then goes on from its head. */
  private twoThreadRebuild(): TwoThreadRebuild | undefined {
    const { readModels } = this;
    const sqlite = this.sqliteFile();
    if (readModels.checkpoint() !== 0 || !sqlite) return undefined;
    if (TwoThreadRebuild.secondThreadShare(readModels.projections).length === 0) return undefined;
    const head = headSeqOf(sqlite.store.database);
    return head >= readModels.twoThreadRebuildFromEvents ? new TwoThreadRebuild(readModels, sqlite.file, head) : undefined;
  }

  /** The event store when it is a SQLite file that other threads can open, with that file. */
  private sqliteFile(): { store: SqliteEventStore; file: string } | undefined {
    const { store } = this;
    if (!(store instanceof SqliteEventStore) || store.file === undefined) return undefined;
    return { store, file: store.file };
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
    if (outcome === 'committed') this.release(rebuild.throughSeq);
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
    this.release(events[events.length - 1].seq);
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
    this.release(rebuild.lastSeq);
  }

  private fail(error: unknown): void {
    this.failed(error);
    this.startupWaiter?.();
    void this.subscription?.close();
  }

  private failed(error: unknown): void {
    this.failure = error;
    this.logger.error(`projection stopped: ${String(error)}`);
    this.onFailed?.(error);
  }

  private release(seq: number): void {
    this.onCommitted?.(seq);
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((w) => w.seq <= seq);
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    reached.forEach((w) => w.resolve());
  }
}
