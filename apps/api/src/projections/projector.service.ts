import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { ApplicationError } from '../errors/application-error';
import { InProcessProjector, sqliteFileOf } from './in-process-projector';
import { ProjectorThread } from './projector-thread';
import { ReadModelStore } from './read-model.store';
import { READ_MODELS } from './read-models.token';

interface Waiter {
  seq: number;
  resolve: () => void;
}

/**
 * This instance's read models, fed from the event store through a checkpointed catch-up
 * subscription (never from the in-process EventBus, which is neither durable nor ordered). Over
 * SQLite files, when the read models allow it, the projector runs on a thread of its own
 * (projector-thread.ts) and this service follows its commits; otherwise it runs in process.
 * Either way, writes wait here until their events are in the read models.
 */
@Injectable()
export class ProjectorService implements OnModuleInit {
  private readonly logger = new Logger(ProjectorService.name);
  private waiters: Waiter[] = [];
  private failure?: unknown;
  /** Set when the projector runs in this thread. */
  private inProcess?: InProcessProjector;
  /** Set when the projector runs on its own thread. */
  private thread?: ProjectorThread;
  private unwatchAppends?: () => void;
  /** Resolves `onModuleInit` on the thread's failure too: the API then starts, unhealthy. */
  private startupWaiter?: () => void;

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
    const sqlite = sqliteFileOf(this.store);
    if (!readModels.projectorThread || !sqlite || readModels.path === ':memory:') {
      this.inProcess = new InProcessProjector(this.store, readModels, {
        committed: (seq) => this.release(seq),
        failed: (error) => this.failed(error),
      });
      return this.inProcess.start();
    }
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
        failed: (error) => this.failed(error),
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
    this.unwatchAppends?.();
    await this.thread?.stop();
    this.thread = undefined;
    await this.inProcess?.stop();
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
        reject(new ApplicationError('PROJECTION.LAGGING', `read models have not reached seq ${seq} yet; retry the read`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ seq, resolve: done });
    });
  }

  async rebuild(): Promise<void> {
    this.failure = undefined;
    if (this.thread) {
      await this.thread.rebuild();
      this.readModels.adoptCheckpoint(this.readModels.checkpointInFile());
    } else await this.inProcess?.rebuild();
  }

  private failed(error: unknown): void {
    this.failure = error;
    this.logger.error(`projection stopped: ${String(error)}`);
    this.startupWaiter?.();
  }

  private release(seq: number): void {
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((w) => w.seq <= seq);
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    reached.forEach((w) => w.resolve());
  }
}
