import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore, StoredEvent, Subscription } from '@stackledger/event-store';
import { DomainError } from '@stackledger/domain';
import { ReadModelStore } from './read-model.store';
import { READ_MODELS } from './read-models.token';

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

  private project(event: StoredEvent): void {
    this.readModels.apply([event]);
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((w) => w.seq <= event.seq);
    this.waiters = this.waiters.filter((w) => w.seq > event.seq);
    reached.forEach((w) => w.resolve());
  }
}
