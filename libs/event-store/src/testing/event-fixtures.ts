import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, StoredEvent, Subscription } from '../event-store.port';

/** A test event with a random id; `data` defaults to `{ n }` so events are told apart. */
export function newEvent(n: number, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'TestEventHappened',
    data: { n },
    metadata: { actor: 'tester' },
    recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
    ...overrides,
  };
}

export function newEvents(count: number, from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(from + i));
}

/** A subscription that records what it is given. */
export function recordingSubscription(store: EventStore, afterSeq: number): { seen: StoredEvent[]; sub: Subscription } {
  const seen: StoredEvent[] = [];
  const sub = store.subscribe({ afterSeq, handler: (event) => void seen.push(event) });
  return { seen, sub };
}

export const seqs = (events: StoredEvent[]): number[] => events.map((event) => event.seq);
export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
