import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore, StoredEvent, Subscription } from '@stackledger/event-store';
import { DomainError } from '@stackledger/domain';
import { ReadModelStore } from './read-model.store';
import { READ_MODELS } from './read-models.token';

/**
 * Events applied per read-model transaction during catch-up: a large batch writes each document
 * touched in it (a learner's view, many times) once, and commits rarely.
 */
const BATCH = 20_000;

interface Waiter {
  seq: number;
  resolve: () => void;
}

/**
 * Feeds this instance's read models from the event store through a checkpointed catch-up
 * subscription (never from the in-process EventBus, which is neither durable nor ordered).
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

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  onModuleInit(): void {
    this.start();
  }

  async stop(): Promise<void> {
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
    await this.subscription?.close();
    this.pending = [];
    this.readModels.reset();
    this.start();
  }

  private start(): void {
    this.failure = undefined;
    this.subscription = this.store.subscribe({
      afterSeq: this.readModels.checkpoint(),
      handler: (event) => this.project(event),
      onError: (error) => {
        this.failure = error;
        this.logger.error(`projection stopped: ${String(error)}`);
      },
    });
  }

  /**
   * Buffers the event: a catch-up delivers pages without yielding to the event loop, so events
   * gather and are applied BATCH per transaction; a live event is applied as soon as the
   * subscription yields (setImmediate), a few microseconds later.
   */
  private project(event: StoredEvent): void {
    this.pending.push(event);
    if (this.pending.length >= BATCH) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    try {
      this.readModels.apply(events);
    } catch (error) {
      this.failure = error;
      this.logger.error(`projection stopped: ${String(error)}`);
      void this.subscription?.close();
      return;
    }
    this.release(events[events.length - 1].seq);
  }

  private release(seq: number): void {
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((w) => w.seq <= seq);
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    reached.forEach((w) => w.resolve());
  }
}
