/**
 * How a ledger event is laid out in EventStoreDB, and which `$all` records are not ledger events.
 */
import { jsonEvent, type JSONEventType, type RecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store.port';

/**
 * The event's custom metadata JSON. `recordedAt` lives here, verbatim, rather than in the server's
 * `created` timestamp: it is the command's clock, part of the hashed envelope, and `created` is the
 * server's clock in 100 ns ticks.
 */
interface LedgerMetadata {
  recordedAt: string;
  metadata: EventMetadata;
}

type LedgerJsonEvent = JSONEventType<string, Record<string, unknown>, LedgerMetadata>;

/**
 * Which `$all` records are the ledger's, and how its stream names map to the server's.
 *
 * The seq counts every record except what the server writes for itself: system streams and system
 * event types both begin with `$` (`$$stream` metadata, `$stats-*`, `$>` links, `$settings`...).
 * A `streamPrefix` narrows the ledger to the streams under it, for several ledgers (or test runs)
 * in one database; the default, none, makes every non-system stream the ledger's.
 */
export class LedgerLayout {
  /** Precondition: `streamPrefix` does not begin with `$` (that would make every stream a system one). */
  constructor(readonly streamPrefix = '') {
    if (streamPrefix.startsWith('$')) throw new RangeError(`stream prefix must not begin with $: ${streamPrefix}`);
  }

  serverStream(stream: string): string {
    return this.streamPrefix + stream;
  }

  ledgerStream(serverStream: string): string {
    return serverStream.slice(this.streamPrefix.length);
  }

  isLedgerRecord(serverStream: string, type: string): boolean {
    return serverStream.startsWith(this.streamPrefix) && !serverStream.startsWith('$') && !type.startsWith('$');
  }
}

export function toEventData(event: NewEvent) {
  return jsonEvent<LedgerJsonEvent>({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: { recordedAt: event.recordedAt, metadata: event.metadata },
  });
}

/**
 * The stored copy of an event that was just written: the same JSON round trip the server's copy
 * takes, so the append result equals what later reads return.
 */
export function storedFromNew(event: NewEvent, stream: string, revision: number, seq: number): StoredEvent {
  const copy = JSON.parse(JSON.stringify({ data: event.data, metadata: event.metadata })) as Pick<StoredEvent, 'data' | 'metadata'>;
  return { seq, id: event.id, stream, revision, type: event.type, data: copy.data, metadata: copy.metadata, recordedAt: event.recordedAt };
}

/** Precondition: `recorded` is a ledger record written by `toEventData`. */
export function storedFromRecorded(recorded: RecordedEvent, seq: number, layout: LedgerLayout): StoredEvent {
  if (!recorded.isJson) throw new Error(`event ${recorded.id} in ${recorded.streamId} is not JSON: not a ledger event`);
  const { recordedAt, metadata } = recorded.metadata as unknown as LedgerMetadata;
  return {
    seq,
    id: recorded.id,
    stream: layout.ledgerStream(recorded.streamId),
    revision: Number(recorded.revision),
    type: recorded.type,
    data: recorded.data as Record<string, unknown>,
    metadata,
    recordedAt,
  };
}
