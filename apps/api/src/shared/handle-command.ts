import {
  deterministicEventId,
  EventMetadata,
  EventNotCanonicalError,
  EventStore,
  NewEvent,
  StoredEvent,
  timeOrderedEventId,
  WrongExpectedRevisionError,
} from '@stackledger/event-store';
import { DomainError } from '@stackledger/domain';
import { ApplicationError } from '../errors/application-error';

export interface DomainEventShape {
  type: string;
  data: object;
}

/** Structural twin of the domain's Decider, so any slice's decider fits. */
export interface DeciderShape<C, E extends DomainEventShape, S> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}

export interface CommandContext {
  actor: string;
  recordedAt: string;
  idempotencyKey?: string;
  requestHash?: string;
  correlationId?: string;
  /** Kept in every event's metadata, out of its hashed data: an issuer's new key hash. */
  apiKeyHash?: EventMetadata['apiKeyHash'];
}

export interface CommandOutcome {
  events: StoredEvent[];
  /** True when an earlier request with the same idempotency key already stored these events. */
  replayed: boolean;
}

const MAX_ATTEMPTS = 20;

/**
 * Reads the stream, folds it, decides, and appends with the revision it read; on a concurrent
 * write it starts over, so the decision is always made against the latest state and credits are
 * neither lost nor counted twice.
 */
export async function handleCommand<C, E extends DomainEventShape, S>(
  store: EventStore,
  stream: string,
  decider: DeciderShape<C, E, S>,
  command: C,
  context: CommandContext,
): Promise<CommandOutcome> {
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(stream);
    const earlier = findIdempotentReplay(history, context);
    if (earlier) return { events: earlier, replayed: true };

    const state = history.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState());
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { events: [], replayed: false };
    const expected = history.length === 0 ? 'no-stream' : history[history.length - 1].revision;
    try {
      const result = await store.append(stream, toNewEvents(decided, context), expected);
      return { events: result.events, replayed: result.duplicate };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS) continue;
      throw mapStoreError(error);
    }
  }
}

function toNewEvents(events: DomainEventShape[], context: CommandContext): NewEvent[] {
  return events.map((event, index) => ({
    id: context.idempotencyKey
      ? deterministicEventId(context.actor, context.idempotencyKey, index)
      : timeOrderedEventId(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    recordedAt: context.recordedAt,
    metadata: {
      actor: context.actor,
      ...(context.idempotencyKey && { idempotencyKey: context.idempotencyKey }),
      ...(context.requestHash && { requestHash: context.requestHash }),
      ...(context.correlationId && { correlationId: context.correlationId }),
      ...(context.apiKeyHash && { apiKeyHash: context.apiKeyHash }),
    },
  }));
}

function findIdempotentReplay(history: StoredEvent[], context: CommandContext): StoredEvent[] | undefined {
  if (!context.idempotencyKey) return undefined;
  const firstId = deterministicEventId(context.actor, context.idempotencyKey, 0);
  const start = history.findIndex((e) => e.id === firstId);
  if (start < 0) return undefined;
  if (history[start].metadata.requestHash !== context.requestHash) throw idempotencyKeyReused();
  return history.slice(start).filter((e) => e.metadata.idempotencyKey === context.idempotencyKey);
}

export function mapStoreError(error: unknown): unknown {
  if (error instanceof Error && error.name === 'DuplicateEventIdError') return idempotencyKeyReused();
  // The request fields refuse ill-formed text first; this only catches a value they let through.
  if (error instanceof EventNotCanonicalError) {
    return new DomainError('VALIDATION.FORMAT', `the request holds a value that cannot be recorded: ${error.reason} at ${error.path}`, error.path);
  }
  if (error instanceof WrongExpectedRevisionError) {
    return new ApplicationError('STREAM.CONCURRENCY_CONFLICT', 'the record changed concurrently too many times; retry');
  }
  return error;
}

export function idempotencyKeyReused(): ApplicationError {
  return new ApplicationError(
    'IDEMPOTENCY.KEY_REUSED',
    'Idempotency-Key was already used with a different request body',
    'Idempotency-Key',
  );
}
