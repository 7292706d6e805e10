/**
 * The event store port: append with optimistic concurrency, stream and global reads, a catch-up
 * subscription. Every adapter (SQLite, PostgreSQL, EventStoreDB, in-memory) passes the shared suite in
 * `testing/event-store.contract.ts`. What an adapter may offer beyond it (multi-stream appends,
 * stored leaves, typed reads, a shared file) is a separate capability: event-store.capabilities.ts.
 */

/** Who caused an event and why; stored beside the event, never hashed. */
export interface EventMetadata {
  actor: string;
  idempotencyKey?: string;
  /** Hash of the request that produced the event, so a reused idempotency key with another body is detectable. */
  requestHash?: string;
  correlationId?: string;
  causationId?: string;
  /**
   * On an issuer's registration and key rotation: SHA-256 (hex) of its new API key. Kept here, never
   * in the data, which is hashed, anchored and public for good.
   */
  apiKeyHash?: string;
}

export interface NewEvent {
  /** UUID. Deterministic when the command carried an idempotency key (see `deterministicEventId`). */
  id: string;
  type: string;
  /** Plain JSON (no undefined, Date, bigint, NaN): read back equal; key order may come back canonical (JCS), as an adapter may store the canonical text. */
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** ISO-8601 UTC, from the command's clock: part of the hashed envelope, so the store must keep it verbatim. */
  recordedAt: string;
}

export interface StoredEvent {
  /** 1-based, contiguous ordinal in the ledger's global order; identical whichever adapter stored it. */
  seq: number;
  id: string;
  stream: string;
  /** 0-based position of the event inside its stream. */
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: string;
}

/**
 * `no-stream`: the stream must not exist yet. `any`: no check. A number: the revision of the
 * stream's last event (0-based), exactly as in EventStoreDB.
 */
export type ExpectedRevision = 'no-stream' | 'any' | number;

export interface AppendResult {
  /**
   * Revision of the stream's last event after the append; for an idempotent replay, the revision of
   * the last stored copy (later appends to the stream do not change it).
   */
  revision: number;
  /** The events as stored (for an idempotent replay: the copies stored the first time). */
  events: StoredEvent[];
  /** True when every event id was already in the stream and nothing was written. */
  duplicate: boolean;
}

/** One stream's part of a multi-stream append (`MultiStreamAppend`). */
export interface StreamAppend {
  stream: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

/**
 * A stream a multi-stream append reads but does not write: the append stores nothing unless the
 * stream is still at `expected` when it commits (`WrongExpectedRevisionError` otherwise). A decision
 * made from that stream's state (an issuer's live keys) then cannot land after the state changed.
 */
export interface StreamCondition {
  stream: string;
  expected: number | 'no-stream';
}

export interface Subscription {
  /** Stops delivery; resolves once no handler call is running. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Deliver events with `seq > afterSeq` (the subscriber's checkpoint; 0 for everything). */
  afterSeq: number;
  /** Called in seq order, one at a time; a rejection stops the subscription and is passed to `onError`. */
  handler: (event: StoredEvent) => Promise<void> | void;
  onError?: (error: unknown) => void;
}

export interface EventStore {
  /**
   * Appends atomically with optimistic concurrency.
   * Preconditions: `events` is non-empty; ids are UUIDs.
   * Throws `EventNotCanonicalError`, storing nothing, for an event with no canonical JSON form (a
   * lone surrogate in any string of the stream, type, data, recordedAt or metadata; a non-finite
   * number; a value that is not plain JSON): it could never be hashed nor anchored.
   * Throws `WrongExpectedRevisionError` when the stream's revision is not `expected`.
   * When every event id is already stored in this stream, nothing is written and the stored copies
   * are returned with `duplicate: true` (a retried command); a partial overlap throws
   * `DuplicateEventIdError`.
   */
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;

  /** The stream's events in revision order; an empty array when the stream does not exist. */
  readStream(stream: string): Promise<StoredEvent[]>;

  /** Up to `limit` events with `seq >= fromSeq`, in seq order. */
  readAll(fromSeq: number, limit: number): Promise<StoredEvent[]>;

  /** The highest seq stored (0 when empty). */
  headSeq(): Promise<number>;

  /** A catch-up subscription: first the stored events after the checkpoint, then live ones. */
  subscribe(options: SubscribeOptions): Subscription;

  /** Closes the subscriptions (waiting for running handlers), then what the adapter holds. */
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class DuplicateEventIdError extends Error {
  /** `eventId`: an id of the append that is already stored (in this stream or another one). */
  constructor(readonly eventId: string) {
    super(`event ${eventId} is already stored and the append overlaps it only partly`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * The store's server did not answer (down, restarting, failing over, the connection cut): the
 * call may be retried. For an append, the commit may or may not have happened; an idempotent
 * retry (same event ids) settles which.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly store: string,
    readonly reason: string,
  ) {
    super(`the event store (${store}) did not answer: ${reason}`);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * An event that has no canonical JSON form (RFC 8785), so it could never be hashed into a Merkle
 * leaf: refused by every adapter before anything is stored. `path` names the value (`data.title`,
 * `metadata.actor`, `stream`).
 */
export class EventNotCanonicalError extends TypeError {
  constructor(
    readonly eventId: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`event ${eventId}: ${reason} at ${path}; an event must be canonical JSON to be hashed, so nothing was stored`);
    this.name = 'EventNotCanonicalError';
  }
}
