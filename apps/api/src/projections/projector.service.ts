import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { capability, EVENT_STORE, EventStore, SqliteLedgerFile } from '@stackledger/event-store';
import { ApplicationError } from '../errors/application-error';
import type { ProjectorEvents } from '@stackledger/projections';
import { InProcessMode } from './in-process-mode';
import type { ProjectorMode } from './projector-mode';
import { ReadModelStore } from './read-model.store';
import { READ_MODELS } from './read-models.token';
import { ThreadMode } from './thread-mode';

interface Waiter {
  seq: number;
  resolve: () => void;
}

/**
 * This instance's read models, fed from the event store through a checkpointed catch-up
 * subscription (never from the in-process EventBus, which is neither durable nor ordered). One
 * mode per kind of store: over a SQLite file (`SqliteLedgerFile`), the projector runs on a thread
 * of its own (thread-mode.ts); over any other store, in this thread (in-process-mode.ts). Either
 * way, writes wait here until their events are in the read models.
 */
@Injectable()
export class ProjectorService implements OnModuleInit {
  private readonly logger = new Logger(ProjectorService.name);
  private waiters: Waiter[] = [];
  private failure?: unknown;
  private mode?: ProjectorMode;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  /** Starts projecting; resolves once the API may answer from the read models (see the modes). */
  async onModuleInit(): Promise<void> {
    const events: ProjectorEvents = {
      committed: (seq) => {
        this.readModels.adoptCheckpoint(seq);
        this.release(seq);
      },
      failed: (error) => this.failed(error),
    };
    const file = capability(this.store, SqliteLedgerFile);
    // Both files must be ones another thread can open.
    this.mode =
      file && this.readModels.file !== undefined
        ? new ThreadMode(file, this.readModels, events)
        : new InProcessMode(this.store, this.readModels, events);
    await this.mode.start();
  }

  async stop(): Promise<void> {
    await this.mode?.stop();
    this.mode = undefined;
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
    await this.mode?.rebuild();
    // Reset, so behind what was adopted: the file says how far the rebuild has come.
    this.readModels.adoptCheckpoint(this.readModels.checkpointInFile());
  }

  private failed(error: unknown): void {
    this.failure = error;
    this.logger.error(`projection stopped: ${String(error)}`);
  }

  private release(seq: number): void {
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((w) => w.seq <= seq);
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    reached.forEach((w) => w.resolve());
  }
}
