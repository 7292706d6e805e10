import { Inject, Injectable } from '@nestjs/common';
import { Decider, decodeEvent, DomainError, DomainEvent } from '@stackledger/domain';
import { EVENT_STORE, EventStore, StoredEvent } from '@stackledger/event-store';
import { actorOf, Principal } from '../../auth/principal';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { METRICS, Metrics } from '../../metrics/metrics';
import { ProjectorService } from '../../projections/projector.service';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '../clock';
import { requestHash } from '../request-hash';
import { CommandRunner } from './command-runner';
import { AnyStreamCommand, CommandContext, CommandOutcome, Guard, RunOptions, streamCommand } from './stream-command';

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

/**
 * What every command handler needs around the runner: time and ids for the command, the request
 * as the events' context, and read-your-writes (a write answers once this instance's read models
 * hold its events). A handler builds its command and calls `execute` (one stream) or `executeAll`.
 */
@Injectable()
export class CommandService {
  private readonly runner: CommandRunner;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) readonly ids: IdGenerator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly projector: ProjectorService,
  ) {
    this.runner = new CommandRunner(store);
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  /** The stream folded by its decider, read from the store (not a read model, which may lag). */
  async state<C, E extends DomainEvent, S>(stream: string, decider: Decider<C, E, S>): Promise<S> {
    return (await this.runner.read(stream, decider)).state;
  }

  /** One command for one stream; the outcome also holds its events as the decider types them. */
  async execute<C, E extends DomainEvent, S>(
    stream: string,
    decider: Decider<C, E, S>,
    command: NoInfer<C>,
    request: WriteRequest,
  ): Promise<CommandOutcome & { domainEvents: E[] }> {
    const outcome = await this.executeAll([streamCommand(stream, decider, command)], request);
    return { ...outcome, domainEvents: outcome.events.map((event) => decodeEvent(decider, event)) };
  }

  /** Several commands, over one stream or several, all or nothing (see `CommandRunner.run`). */
  async executeAll(commands: readonly AnyStreamCommand[], request: WriteRequest, options?: RunOptions): Promise<CommandOutcome> {
    return this.done(await this.runner.run(contextOf(request), commands, options));
  }

  /**
   * Commands made from the state of a stream the write only reads (an issuer's), stored only while
   * that stream is unchanged: see `CommandRunner.runGuarded`.
   */
  async executeGuarded<C, E extends DomainEvent, S>(
    guard: Guard<C, E, S>,
    commandsFor: (state: S) => readonly AnyStreamCommand[],
    request: WriteRequest,
    options?: RunOptions,
  ): Promise<CommandOutcome> {
    return this.done(await this.runner.runGuarded(contextOf(request), guard, commandsFor, options));
  }

  /**
   * `execute` for a command made from the state of a stream the write only reads (`guard`), stored
   * only while that stream is unchanged (see `executeGuarded`).
   */
  async executeGuardedOne<GC, GE extends DomainEvent, GS, C, E extends DomainEvent, S>(
    guard: Guard<GC, GE, GS>,
    target: { stream: string; decider: Decider<C, E, S> },
    commandFor: (state: GS) => NoInfer<C>,
    request: WriteRequest,
  ): Promise<CommandOutcome & { domainEvents: E[] }> {
    const { stream, decider } = target;
    const outcome = await this.executeGuarded(guard, (state) => [streamCommand(stream, decider, commandFor(state))], request);
    return { ...outcome, domainEvents: outcome.events.map((event) => decodeEvent(decider, event)) };
  }

  /** Waits until this instance's read models include everything stored so far: for writes made outside a command (anchoring). */
  async settledToHead(): Promise<void> {
    await this.projector.waitFor(await this.store.headSeq(), this.config.readYourWritesTimeoutMs);
  }

  /** Counts what a write stored and waits until this instance's read models hold it. */
  private async done(outcome: CommandOutcome): Promise<CommandOutcome> {
    if (!outcome.replayed) this.count(outcome.events);
    await this.settled(outcome.events);
    return outcome;
  }

  private async settled(events: readonly StoredEvent[]): Promise<void> {
    let last = 0;
    for (const event of events) if (event.seq > last) last = event.seq;
    if (last > 0) await this.projector.waitFor(last, this.config.readYourWritesTimeoutMs);
  }

  private count(events: readonly StoredEvent[]): void {
    const byType = new Map<string, number>();
    for (const { type } of events) byType.set(type, (byType.get(type) ?? 0) + 1);
    for (const [type, count] of byType) this.metrics.eventsAppended.inc({ type }, count);
  }
}

function contextOf(request: WriteRequest): CommandContext {
  const key = request.idempotencyKey;
  checkIdempotencyKey(key);
  return {
    actor: actorOf(request.principal),
    recordedAt: request.at,
    idempotencyKey: key,
    requestHash: key === undefined ? undefined : requestHash(request.route, request.body),
    apiKeyHash: request.apiKeyHash,
  };
}
