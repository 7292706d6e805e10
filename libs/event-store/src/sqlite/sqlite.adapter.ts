import BetterSqlite3, { Database, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertAppendable, checkExpectedRevision, findReplay } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { getCheckpoint, saveCheckpoint } from './sqlite.checkpoints';
import { prepareDatabase } from './sqlite.schema';

export interface SqliteEventStoreOptions {
  /** How often an idle subscription re-reads, to see appends made by other processes. Default 200. */
  pollIntervalMs?: number;
  /** Events read per query by a subscription. Default 500. */
  pageSize?: number;
  /** How long to wait for another process's write lock before failing. Default 5000. */
  busyTimeoutMs?: number;
}

interface EventRow {
  seq: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

type Append = (stream: string, events: NewEvent[], expected: ExpectedRevision) => AppendResult;

const COLUMNS = 'seq, id, stream, revision, type, data, metadata, recorded_at';

/**
 * The embedded event store: one SQLite file in WAL mode, shared safely by several processes.
 * Each append runs in one IMMEDIATE transaction (idempotency check, revision check, insert), so
 * appends from all connections are serialised and `seq` is `max + 1`: contiguous, and committed in
 * seq order, which is what lets subscriptions read by seq without skipping anything.
 * better-sqlite3 is synchronous: each call blocks the event loop for its (short) duration.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendTransaction: Append;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;

  private constructor(private readonly db: Database, options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.pageSize = options.pageSize ?? 500;
    this.statements = prepareStatements(db);
    this.appendTransaction = db.transaction(this.appendNow.bind(this)).immediate;
  }

  /**
   * Opens (creating folders, file and tables as needed) the store at `filePath`; `:memory:` gives a
   * private in-memory database, useful in tests only.
   */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
    const db = new BetterSqlite3(filePath);
    try {
      prepareDatabase(db, options.busyTimeoutMs ?? 5000);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteEventStore(db, options);
  }

  /** The connection, for code that keeps its own tables (read models) in the same file. */
  get database(): Database {
    return this.db;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(events, expected);
    const result = this.appendTransaction(stream, events, expected);
    if (!result.duplicate) this.subscriptions.forEach((subscription) => subscription.notify());
    return result;
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return this.statements.readStream.all(stream).map(toStored);
  }

  async readAll(fromSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.statements.readAll.all(fromSeq, limit).map(toStored);
  }

  async headSeq(): Promise<number> {
    return this.statements.head.get()!.head;
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      (fromSeq, limit) => this.readAll(fromSeq, limit),
      options,
      {
        pageSize: this.pageSize,
        pollIntervalMs: this.pollIntervalMs,
        onEnd: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** See `getCheckpoint` in `sqlite.checkpoints.ts`. */
  getCheckpoint(name: string): number {
    return getCheckpoint(this.db, name);
  }

  /** See `saveCheckpoint` in `sqlite.checkpoints.ts`. */
  saveCheckpoint(name: string, seq: number): void {
    saveCheckpoint(this.db, name, seq);
  }

  /** Closes the subscriptions (waiting for running handlers), then the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.db.open) this.db.close();
  }

  /** Runs inside the IMMEDIATE transaction: no other connection can write meanwhile. */
  private appendNow(stream: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    const replay = findReplay(stream, events, (id) => this.findById(id));
    if (replay) return { revision: replay[replay.length - 1].revision, events: replay, duplicate: true };
    const last = this.statements.streamRevision.get(stream)!.revision;
    checkExpectedRevision(stream, expected, last ?? 'no-stream');
    const firstSeq = this.statements.head.get()!.head + 1;
    const firstRevision = (last ?? -1) + 1;
    const stored = events.map((event, i) => this.insert(event, stream, firstSeq + i, firstRevision + i));
    return { revision: stored[stored.length - 1].revision, events: stored, duplicate: false };
  }

  private insert(event: NewEvent, stream: string, seq: number, revision: number): StoredEvent {
    const row: EventRow = {
      seq,
      id: event.id,
      stream,
      revision,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
      recorded_at: event.recordedAt,
    };
    this.statements.insert.run(row);
    return toStored(row);
  }

  private findById(id: string): StoredEvent | undefined {
    const row = this.statements.byId.get(id);
    return row && toStored(row);
  }
}

function prepareStatements(db: Database) {
  return {
    insert: db.prepare(
      `INSERT INTO events (${COLUMNS}) VALUES (@seq, @id, @stream, @revision, @type, @data, @metadata, @recorded_at)`,
    ) as Statement<[EventRow]>,
    byId: db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`) as Statement<[string], EventRow>,
    readStream: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? ORDER BY revision`) as Statement<
      [string],
      EventRow
    >,
    readAll: db.prepare(`SELECT ${COLUMNS} FROM events WHERE seq >= ? ORDER BY seq LIMIT ?`) as Statement<
      [number, number],
      EventRow
    >,
    head: db.prepare('SELECT coalesce(max(seq), 0) AS head FROM events') as Statement<[], { head: number }>,
    streamRevision: db.prepare('SELECT max(revision) AS revision FROM events WHERE stream = ?') as Statement<
      [string],
      { revision: number | null }
    >,
  };
}

function toStored(row: EventRow): StoredEvent {
  return {
    seq: row.seq,
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
  };
}
