import { randomUUID } from 'node:crypto';

/**
 * In-memory storage of the gRPC stand-in: one ordered log (`$all`) plus a per-stream view, with
 * the expected-revision and idempotency rules of EventStoreDB's write path.
 */

export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  stream: string;
  revision: number;
  position: LogPosition;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  createdTicks: bigint;
}

export type ExpectedState = { kind: 'any' } | { kind: 'no-stream' } | { kind: 'stream-exists' } | { kind: 'revision'; revision: bigint };

export type AppendOutcome =
  | { kind: 'written'; lastRevision: number; position: LogPosition }
  /** Every proposed id already sits where the append would have put it: nothing written. */
  | { kind: 'idempotent'; lastRevision: number }
  /** `current` is -1 when the stream does not exist. */
  | { kind: 'wrong-expected-version'; current: number };

type Listener = (event: LoggedEvent) => void;

/** Size a record roughly takes in the transaction file, so positions grow like real byte offsets. */
const RECORD_OVERHEAD = 90n;

export class StandInLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly listeners = new Set<Listener>();
  /** Real logs never start at 0 (chunk header, epoch records): keeps "position 0" meaningless here too. */
  private nextPosition = 1024n;

  get length(): number {
    return this.all.length;
  }

  at(index: number): LoggedEvent | undefined {
    return this.all[index];
  }

  readStream(stream: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(stream);
  }

  /** Index in `$all` of the first event at or after `position` (the log's length when none). */
  indexAtOrAfter(position: LogPosition): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (comparePositions(this.all[mid].position, position) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Live feed of every event written from now on; returns the unsubscribe function. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Appends atomically. Like EventStoreDB, a proposal whose first id already sits at the revision
   * it would be written to is an idempotent replay (all ids match) or a conflict (only some do);
   * for `any` / `stream-exists` the first id is looked up anywhere in the stream.
   * Precondition: `proposed` is non-empty.
   */
  append(stream: string, proposed: ProposedEvent[], expected: ExpectedState): AppendOutcome {
    const existing = this.streams.get(stream) ?? [];
    const current = existing.length - 1;
    const replayStart = this.replayStart(existing, proposed[0].id, expected);
    if (replayStart >= 0 && existing[replayStart]?.id === proposed[0].id) {
      const all = proposed.every((event, i) => existing[replayStart + i]?.id === event.id);
      return all ? { kind: 'idempotent', lastRevision: replayStart + proposed.length - 1 } : { kind: 'wrong-expected-version', current };
    }
    if (!expectationHolds(expected, current)) return { kind: 'wrong-expected-version', current };
    const transaction = this.nextPosition;
    const written = proposed.map((event, i) => this.write(stream, existing, current + 1 + i, event, transaction));
    this.streams.set(stream, existing);
    const last = written[written.length - 1];
    for (const event of written) this.notify(event);
    return { kind: 'written', lastRevision: last.revision, position: { commit: transaction, prepare: transaction } };
  }

  /** Writes one event into a `$`-stream with a `$`-type, as the server's own subsystems do. */
  appendSystemEvent(stream: string, type: string, body: unknown): LoggedEvent {
    const existing = this.streams.get(stream) ?? [];
    const json = Buffer.from(JSON.stringify(body), 'utf8');
    const proposed = { id: randomUUID(), type, contentType: 'application/json', data: json, customMetadata: new Uint8Array() };
    const event = this.write(stream, existing, existing.length, proposed, this.nextPosition);
    this.streams.set(stream, existing);
    this.notify(event);
    return event;
  }

  private replayStart(existing: readonly LoggedEvent[], firstId: string, expected: ExpectedState): number {
    switch (expected.kind) {
      case 'revision':
        return Number(expected.revision) + 1;
      case 'no-stream':
        return 0;
      case 'any':
      case 'stream-exists':
        return existing.findIndex((event) => event.id === firstId);
    }
  }

  /**
   * Events of one append share the transaction's commit position and keep their own prepare
   * position, which is how multi-event writes show up in `$all`.
   */
  private write(stream: string, existing: LoggedEvent[], revision: number, event: ProposedEvent, commit: bigint): LoggedEvent {
    const prepare = this.nextPosition;
    const size = BigInt(event.data.length + event.customMetadata.length + stream.length + event.type.length);
    this.nextPosition += RECORD_OVERHEAD + size;
    const logged: LoggedEvent = {
      ...event,
      stream,
      revision,
      position: { commit, prepare },
      createdTicks: BigInt(Date.now()) * 10_000n,
    };
    existing.push(logged);
    this.all.push(logged);
    return logged;
  }

  private notify(event: LoggedEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

function expectationHolds(expected: ExpectedState, current: number): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no-stream':
      return current === -1;
    case 'stream-exists':
      return current >= 0;
    case 'revision':
      return BigInt(current) === expected.revision;
  }
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
