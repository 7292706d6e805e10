import type { DomainEvent } from '@stackledger/domain';
import { deterministicEventId, NewEvent, StoredEvent, timeOrderedEventId } from '@stackledger/event-store';
import { idempotencyKeyReused } from './store-errors';
import { CommandContext } from './stream-command';

/**
 * The `index`-th event a write decides, as the store takes it. With an idempotency key its id is
 * `deterministicEventId(actor, key, index)`: the same request stores the same ids, so a retry finds
 * them (or the store refuses a second copy). Optional metadata keys are set one by one: a bulk
 * write builds a thousand of these, and conditional spreads cost more than the rest.
 */
export function toNewEvent(event: DomainEvent, index: number, context: CommandContext): NewEvent {
  const { actor, idempotencyKey, requestHash, correlationId, apiKeyHash } = context;
  const metadata: NewEvent['metadata'] = { actor };
  if (idempotencyKey) metadata.idempotencyKey = idempotencyKey;
  if (requestHash) metadata.requestHash = requestHash;
  if (correlationId) metadata.correlationId = correlationId;
  if (apiKeyHash) metadata.apiKeyHash = apiKeyHash;
  return {
    id: idempotencyKey ? deterministicEventId(actor, idempotencyKey, index) : timeOrderedEventId(),
    type: event.type,
    // The store's one encoding boundary: domain data is plain JSON by construction.
    data: event.data as Record<string, unknown>,
    recordedAt: context.recordedAt,
    metadata,
  };
}

/**
 * When the write's key was used before, the events that request stored, in the order it decided
 * them (its ids 0, 1, ... found in the streams read); 409 when that request had another body.
 * Undefined when the key is new (or there is none).
 */
export function findReplay(histories: ReadonlyMap<string, readonly StoredEvent[]>, context: CommandContext): StoredEvent[] | undefined {
  const { actor, idempotencyKey } = context;
  if (!idempotencyKey) return undefined;
  const idOf = (index: number) => deterministicEventId(actor, idempotencyKey, index);
  const first = findById(histories, idOf(0));
  if (!first) return undefined;
  if (first.metadata.requestHash !== context.requestHash) throw idempotencyKeyReused();
  const byId = new Map<string, StoredEvent>();
  for (const history of histories.values())
    for (const event of history) if (event.metadata.idempotencyKey === idempotencyKey) byId.set(event.id, event);
  const stored = [first];
  let next: StoredEvent | undefined;
  while ((next = byId.get(idOf(stored.length)))) stored.push(next);
  return stored;
}

function findById(histories: ReadonlyMap<string, readonly StoredEvent[]>, id: string): StoredEvent | undefined {
  for (const history of histories.values()) {
    const found = history.find((event) => event.id === id);
    if (found) return found;
  }
  return undefined;
}
