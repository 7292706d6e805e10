import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, StoredEvent } from '@stackledger/event-store';
import { DomainError } from '@stackledger/domain';
import { actorOf, Principal } from '../auth/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { METRICS, Metrics } from '../metrics/metrics';
import { ProjectorService } from '../projections/projector.service';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from './clock';
import { CommandOutcome, DeciderShape, DomainEventShape, handleCommand } from './handle-command';
import { requestHash } from './request-hash';

export interface WriteRequest {
  principal: Principal;
  /** The instant the command carries; also the events' recordedAt, so both agree exactly. */
  at: string;
  route: string;
  body: unknown;
  idempotencyKey?: string;
  /** An issuer's new API key hash, for the events' metadata (never their data). */
  apiKeyHash?: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new DomainError('VALIDATION.FORMAT', 'Idempotency-Key must be 1-200 visible ASCII characters', 'Idempotency-Key');
  }
}

/** What every command handler needs around the domain: time, ids, the store, read-your-writes. */
@Injectable()
export class WriteSupport {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(ID_GENERATOR) readonly ids: IdGenerator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly projector: ProjectorService,
  ) {}

  async execute<C, E extends DomainEventShape, S>(
    stream: string,
    decider: DeciderShape<C, E, S>,
    command: C,
    request: WriteRequest,
  ): Promise<CommandOutcome> {
    const key = request.idempotencyKey;
    checkIdempotencyKey(key);
    const outcome = await handleCommand(this.store, stream, decider, command, {
      actor: actorOf(request.principal),
      recordedAt: request.at,
      idempotencyKey: key,
      requestHash: key === undefined ? undefined : requestHash(request.route, request.body),
      apiKeyHash: request.apiKeyHash,
    });
    if (!outcome.replayed) outcome.events.forEach((e) => this.metrics.eventsAppended.inc({ type: e.type }));
    await this.settled(outcome.events);
    return outcome;
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  /** Waits until this instance's read models include everything stored so far: for writes made outside a command (anchoring). */
  async settledToHead(): Promise<void> {
    await this.projector.waitFor(await this.store.headSeq(), this.config.readYourWritesTimeoutMs);
  }

  /** Waits until this instance's read models include the events, so the client can read them next. */
  async settled(events: StoredEvent[]): Promise<void> {
    const last = events[events.length - 1];
    if (last) await this.projector.waitFor(last.seq, this.config.readYourWritesTimeoutMs);
  }

  /** Folds a stream with a decider: the strongly consistent read a decision across streams needs. */
  async stateOf<C, E extends DomainEventShape, S>(stream: string, decider: DeciderShape<C, E, S>): Promise<S> {
    const events = await this.store.readStream(stream);
    return events.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState());
  }
}
