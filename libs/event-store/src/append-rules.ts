import { canonicalDataOf } from './canonical-event';
import { isUuid } from './deterministic-event-id';
import {
  DuplicateEventIdError,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  StreamAppend,
  StreamCondition,
  WrongExpectedRevisionError,
} from './event-store.port';

/** A stream's current revision: its last event's 0-based revision, or `no-stream`. */
export type CurrentRevision = number | 'no-stream';

/**
 * Rejects an append that breaks the port's preconditions: an empty batch, a non-UUID id, an id
 * repeated within the batch, an expected revision that is not 'no-stream', 'any' or an integer
 * >= 0, or an event with no canonical JSON form (`EventNotCanonicalError`, see `canonicalDataOf`).
 * Returns each event's `data` as canonical JSON, in order: an adapter that hashes leaves at append
 * builds them from these (`canonicalEventJsonOf`) rather than canonicalising the data again.
 */
export function assertAppendable(stream: string, events: NewEvent[], expected: ExpectedRevision): string[] {
  if (events.length === 0) throw new RangeError('append needs at least one event');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new RangeError(`bad expected revision: ${expected}`);
  }
  const seen = new Set<string>();
  const canonicalData: string[] = [];
  for (const event of events) {
    const { id } = event;
    if (!isUuid(id)) throw new TypeError(`event id is not a UUID: ${id}`);
    if (seen.has(id)) throw new DuplicateEventIdError(id);
    seen.add(id);
    canonicalData.push(canonicalDataOf(stream, event));
  }
  return canonicalData;
}

/**
 * Decides whether an append is the retry of one already stored. Returns the stored copies when every
 * id is already in `stream`, `undefined` when none is stored anywhere, and throws
 * `DuplicateEventIdError` naming an already stored id for a partial overlap or an id stored in
 * another stream.
 */
export function findReplay(stream: string, events: NewEvent[], lookup: (id: string) => StoredEvent | undefined): StoredEvent[] | undefined {
  const stored = events.map((event) => lookup(event.id));
  const firstStored = stored.findIndex((copy) => copy !== undefined);
  if (firstStored === -1) return undefined;
  const foreign = stored.findIndex((copy) => copy !== undefined && copy.stream !== stream);
  if (foreign !== -1) throw new DuplicateEventIdError(events[foreign].id);
  if (stored.includes(undefined)) throw new DuplicateEventIdError(events[firstStored].id);
  return stored as StoredEvent[];
}

/** Throws `WrongExpectedRevisionError` unless `current` satisfies `expected`. */
export function checkExpectedRevision(stream: string, expected: ExpectedRevision, current: CurrentRevision): void {
  if (expected === 'any' || expected === current) return;
  throw new WrongExpectedRevisionError(stream, expected, current);
}

/** An id repeated across the streams of one `appendMany` would be stored twice: refused up front. */
export function assertDistinctIds(appends: readonly { events: readonly NewEvent[] }[]): void {
  const seen = new Set<string>();
  for (const { events } of appends) {
    for (const { id } of events) {
      if (seen.has(id)) throw new DuplicateEventIdError(id);
      seen.add(id);
    }
  }
}

/**
 * Preconditions of `appendMany`, the same for every adapter: streams non-empty and distinct, ids
 * distinct, each append as `assertAppendable` wants it, each condition on a stream of its own (not
 * one appended to, not named twice) at 'no-stream' or a revision >= 0. Returns the canonical data
 * of each append's events (see `assertAppendable`).
 */
export function assertAppendMany(appends: readonly StreamAppend[], conditions: readonly StreamCondition[] = []): string[][] {
  if (appends.length === 0) throw new RangeError('appendMany needs at least one stream');
  const streams = new Set<string>();
  const canonicalData = appends.map(({ stream, events, expected }) => {
    const texts = assertAppendable(stream, events, expected);
    if (streams.has(stream)) throw new RangeError(`stream ${stream} appears twice in one appendMany`);
    streams.add(stream);
    return texts;
  });
  assertDistinctIds(appends);
  for (const { stream, expected } of conditions) {
    if (expected !== 'no-stream' && (!Number.isSafeInteger(expected) || expected < 0))
      throw new RangeError(`bad condition revision: ${expected}`);
    if (streams.has(stream)) throw new RangeError(`stream ${stream} is both appended to and a condition in one appendMany`);
    streams.add(stream);
  }
  return canonicalData;
}

/** Throws `WrongExpectedRevisionError` for the first condition whose stream is not at its revision. */
export function checkConditions(conditions: readonly StreamCondition[], current: (stream: string) => CurrentRevision | undefined): void {
  for (const { stream, expected } of conditions) checkExpectedRevision(stream, expected, current(stream) ?? 'no-stream');
}
