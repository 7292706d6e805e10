import { assertAppendMany, checkConditions, checkExpectedRevision, CurrentRevision, findReplay } from './append-rules';
import { CatchUpSubscription } from './catch-up-subscription';
import type { MultiStreamAppend, MultiStreamRead } from './event-store.capabilities';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  StreamAppend,
  StreamCondition,
  SubscribeOptions,
  Subscription,
} from './event-store.port';

/** An event as held in memory: data and metadata kept as JSON text, as SQLite keeps them. */
interface Row {
  seq: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

/**
 * An event store in one process's memory, for unit tests only: nothing survives the process.
 * Data and metadata go through JSON like the SQLite adapter's, so a test cannot pass here with
 * values (Dates, undefined, bigint) that a real store would change; callers get fresh copies.
 */
export class InMemoryEventStore implements EventStore, MultiStreamAppend, MultiStreamRead {
  private readonly rows: Row[] = [];
  private readonly byId = new Map<string, Row>();
  private readonly streams = new Map<string, Row[]>();
  private readonly subscriptions = new Set<CatchUpSubscription>();

  constructor(private readonly pageSize = 100) {}

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0];
  }

  /** Every stream is checked before anything is stored, so a refusal stores nothing (atomic). */
  async appendMany(appends: readonly StreamAppend[], conditions: readonly StreamCondition[] = []): Promise<AppendResult[]> {
    assertAppendMany(appends, conditions);
    checkConditions(conditions, (stream) => this.revisionOf(stream));
    const planned = appends.map(({ stream, events, expected }) => this.plan(stream, events, expected));
    let seq = this.rows.length + 1;
    const results = planned.map((plan): AppendResult => {
      if ('replay' in plan) return { revision: plan.replay[plan.replay.length - 1].revision, events: plan.replay, duplicate: true };
      const rows = plan.events.map((event, index) =>
        toRow(event, { seq: seq + index, stream: plan.stream, revision: plan.firstRevision + index }),
      );
      seq += rows.length;
      rows.forEach((row) => this.store(row));
      return { revision: rows[rows.length - 1].revision, events: rows.map(toStored), duplicate: false };
    });
    if (results.some((r) => !r.duplicate)) this.subscriptions.forEach((subscription) => subscription.notify());
    return results;
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return (this.streams.get(stream) ?? []).map(toStored);
  }

  async readStreams(streams: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    return new Map(streams.map((stream) => [stream, (this.streams.get(stream) ?? []).map(toStored)]));
  }

  async readAll(fromSeq: number, limit: number): Promise<StoredEvent[]> {
    const start = Math.max(fromSeq, 1) - 1;
    return this.rows.slice(start, start + Math.max(limit, 0)).map(toStored);
  }

  async headSeq(): Promise<number> {
    return this.rows.length;
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription: CatchUpSubscription = new CatchUpSubscription((fromSeq, limit) => this.readAll(fromSeq, limit), options, {
      pageSize: this.pageSize,
      onEnd: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  /** Checks one stream's append without storing anything. */
  private plan(
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): { replay: StoredEvent[] } | { stream: string; events: NewEvent[]; firstRevision: number } {
    const replay = findReplay(stream, events, (id) => this.find(id));
    if (replay) return { replay };
    const current = this.revisionOf(stream);
    checkExpectedRevision(stream, expected, current);
    return { stream, events, firstRevision: current === 'no-stream' ? 0 : current + 1 };
  }

  private revisionOf(stream: string): CurrentRevision {
    const rows = this.streams.get(stream)?.length ?? 0;
    return rows === 0 ? 'no-stream' : rows - 1;
  }

  private find(id: string): StoredEvent | undefined {
    const row = this.byId.get(id);
    return row && toStored(row);
  }

  private store(row: Row): void {
    this.rows.push(row);
    this.byId.set(row.id, row);
    const stream = this.streams.get(row.stream) ?? [];
    stream.push(row);
    this.streams.set(row.stream, stream);
  }
}

function toRow(event: NewEvent, position: Pick<Row, 'seq' | 'stream' | 'revision'>): Row {
  const { id, type, data, metadata, recordedAt } = event;
  return { ...position, id, type, data: JSON.stringify(data), metadata: JSON.stringify(metadata), recordedAt };
}

function toStored(row: Row): StoredEvent {
  return { ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
}
