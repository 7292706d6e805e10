import BetterSqlite3, { Database, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalEventJsonWithData, initMerkle, leavesOfTexts } from '@stackledger/merkle';
import { assertAppendMany, checkExpectedRevision, findReplay } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { getCheckpoint, saveCheckpoint } from './sqlite.checkpoints';
import { GroupCommit, Outcome } from './sqlite.group-commit';
import { LeafReader, leafOfEvent } from './sqlite.leaves';
import { openEventFile } from './sqlite.projected-rows';
import { prepareDatabase } from './sqlite.schema';
import { OffThreadCheckpoints } from './sqlite.wal-checkpointer';

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

interface InsertRow extends EventRow {
  leaf: Uint8Array;
}

/** An `appendMany` as checked: each append's events' data as canonical JSON, for their leaves. */
interface CheckedAppends {
  appends: readonly StreamAppend[];
  canonicalData: string[][];
}

type AppendAll = (checked: CheckedAppends) => AppendResult[];

const COLUMNS = 'seq, id, stream, revision, type, data, metadata, recorded_at';

/**
 * The embedded event store: one SQLite file in WAL mode, shared safely by several processes.
 * Appends run in IMMEDIATE transactions (idempotency check, revision check, insert), so appends
 * from all connections are serialised and `seq` is `max + 1`: contiguous, and committed in seq
 * order, which is what lets subscriptions read by seq without skipping anything. Appends made in
 * the same turn of the event loop share one transaction (group commit), each in its own savepoint.
 * better-sqlite3 is synchronous: each call blocks the event loop for its (short) duration.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appends: GroupCommit<CheckedAppends, AppendResult[]>;
  private readonly leafReader: LeafReader;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly appendWatchers = new Set<() => void>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private checkpoints?: OffThreadCheckpoints;

  private constructor(private readonly db: Database, options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.pageSize = options.pageSize ?? 500;
    this.statements = prepareStatements(db);
    // Called inside the group's transaction, a better-sqlite3 transaction function is a savepoint.
    const inSavepoint: AppendAll = db.transaction(this.appendAllNow.bind(this));
    const group = db.transaction((inputs: CheckedAppends[]): Outcome<AppendResult[]>[] =>
      inputs.map((checked) => {
        try {
          return { ok: inSavepoint(checked) };
        } catch (error) {
          return { error };
        }
      }),
    );
    this.appends = new GroupCommit((inputs) => group.immediate(inputs));
    this.leafReader = new LeafReader(db, (seq) => leafOfEvent(toStored(this.statements.bySeq.get(seq)!)));
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
    const store = new SqliteEventStore(db, options);
    // A checkpoint run by the appending connection (every 1000 pages) stalled every request in flight.
    if (filePath !== ':memory:') store.checkpoints = new OffThreadCheckpoints(db, filePath);
    return store;
  }

  /**
   * A connection for reading only (a projector on another thread): no migration, no checkpoints,
   * appends fail. Its subscriptions see other connections' appends by polling, or at once after
   * `wake()`.
   */
  static openForReading(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const db = openEventFile(filePath);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    return new SqliteEventStore(db, options);
  }

  /** Another connection appended: subscriptions read again now instead of at their next poll. */
  wake(): void {
    this.subscriptions.forEach((subscription) => subscription.notify());
  }

  /** Calls `listener` after each append that stored events (to tell another thread); returns the unwatch. */
  watchAppends(listener: () => void): () => void {
    this.appendWatchers.add(listener);
    return () => this.appendWatchers.delete(listener);
  }

  /** The file this store keeps, which other connections can open; undefined for a private `:memory:` one. */
  get file(): string | undefined {
    return this.db.memory ? undefined : this.db.name;
  }

  /** The connection, for code that keeps its own tables (read models) in the same file. */
  get database(): Database {
    return this.db;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0];
  }

  /** All streams in one IMMEDIATE transaction: a refusal of any stream rolls every stream back. */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    // The check canonicalises every event's data, outside the write lock; the leaves reuse it.
    const canonicalData = assertAppendMany(appends);
    await initMerkle(); // leaves are hashed inside the transaction
    const results = await this.appends.submit({ appends, canonicalData });
    if (results.some((r) => !r.duplicate)) {
      this.wake();
      this.appendWatchers.forEach((listener) => listener());
    }
    return results;
  }

  /** See the port: stored leaves, computed for rows written before schema v2. */
  async readLeaves(fromSeq: number, toSeq: number): Promise<Uint8Array> {
    if (toSeq >= fromSeq && fromSeq >= 1) await initMerkle();
    return this.leafReader.read(fromSeq, toSeq);
  }

  async readOfTypes(fromSeq: number, toSeq: number, types: readonly string[]): Promise<StoredEvent[]> {
    const rows: EventRow[] = [];
    for (const type of new Set(types)) rows.push(...this.statements.ofType.all(type, fromSeq, toSeq));
    return rows.sort((a, b) => a.seq - b.seq).map(toStored);
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return this.statements.readStream.all(stream).map(toStored);
  }

  /** One query for them all (json_each); a missing stream gets an empty array. */
  async readStreams(streams: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const found = new Map<string, StoredEvent[]>(streams.map((stream) => [stream, []]));
    for (const row of this.statements.readStreams.all(JSON.stringify(streams))) found.get(row.stream)!.push(toStored(row));
    return found;
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
    this.checkpoints?.stop();
    if (this.db.open) this.db.close();
  }

  /** Runs inside the IMMEDIATE transaction: no other connection can write meanwhile. */
  private appendAllNow({ appends, canonicalData }: CheckedAppends): AppendResult[] {
    let nextSeq = this.statements.head.get()!.head + 1;
    // One query each for the whole call, not one per event and one per stream: a bulk issuance of
    // 1,000 credentials to 1,000 learners made 2,000. Streams and ids are distinct (assertAppendMany),
    // so nothing this call inserts changes what the queries found.
    const ids = appends.flatMap((append) => append.events.map((event) => event.id));
    const stored = new Map(this.statements.byIds.all(JSON.stringify(ids)).map((row) => [row.id, toStored(row)]));
    const streams = appends.map((append) => append.stream);
    const revisions = new Map(this.statements.streamRevisions.all(JSON.stringify(streams)).map((row) => [row.stream, row.revision]));
    return appends.map(({ stream, events, expected }, i) => {
      const result = this.appendNow(stream, events, expected, canonicalData[i], nextSeq, stored, revisions.get(stream));
      if (!result.duplicate) nextSeq += events.length;
      return result;
    });
  }

  /**
   * `canonicalData`: each event's data as canonical JSON; `stored`: the events already stored under
   * this call's ids; `last`: the stream's revision (undefined: no stream).
   */
  private appendNow(
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    canonicalData: string[],
    firstSeq: number,
    stored: Map<string, StoredEvent>,
    last: number | undefined,
  ): AppendResult {
    const replay = findReplay(stream, events, (id) => stored.get(id));
    if (replay) return { revision: replay[replay.length - 1].revision, events: replay, duplicate: true };
    checkExpectedRevision(stream, expected, last ?? 'no-stream');
    const firstRevision = (last ?? -1) + 1;
    const rows = events.map((event, i) => toInsertRow(event, stream, firstSeq + i, firstRevision + i));
    // The returned copy is parsed back from the stored text, so callers see exactly what a read gives.
    const appended = rows.map(toStored);
    // One call into WASM for the whole append: per-event calls cost more than the hashing itself.
    // The data's canonical text is what a read gives too: JSON keeps every value canonical JSON holds.
    const leaves = leavesOfTexts(appended.map((event, i) => canonicalEventJsonWithData(event, canonicalData[i])));
    rows.forEach((row, i) => {
      row.leaf = leaves.subarray(i * 32, i * 32 + 32);
      this.statements.insert.run(row);
    });
    return { revision: appended[appended.length - 1].revision, events: appended, duplicate: false };
  }
}

function prepareStatements(db: Database) {
  return {
    insert: db.prepare(
      `INSERT INTO events (${COLUMNS}, leaf) VALUES (@seq, @id, @stream, @revision, @type, @data, @metadata, @recorded_at, @leaf)`,
    ) as Statement<[InsertRow]>,
    bySeq: db.prepare(`SELECT ${COLUMNS} FROM events WHERE seq = ?`) as Statement<[number], EventRow>,
    ofType: db.prepare(`SELECT ${COLUMNS} FROM events WHERE type = ? AND seq BETWEEN ? AND ? ORDER BY seq`) as Statement<
      [string, number, number],
      EventRow
    >,
    byIds: db.prepare(`SELECT ${COLUMNS} FROM events WHERE id IN (SELECT value FROM json_each(?))`) as Statement<[string], EventRow>,
    readStream: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? ORDER BY revision`) as Statement<
      [string],
      EventRow
    >,
    readStreams: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream IN (SELECT value FROM json_each(?)) ORDER BY stream, revision`,
    ) as Statement<[string], EventRow>,
    readAll: db.prepare(`SELECT ${COLUMNS} FROM events WHERE seq >= ? ORDER BY seq LIMIT ?`) as Statement<
      [number, number],
      EventRow
    >,
    head: db.prepare('SELECT coalesce(max(seq), 0) AS head FROM events') as Statement<[], { head: number }>,
    streamRevisions: db.prepare(
      'SELECT stream, max(revision) AS revision FROM events WHERE stream IN (SELECT value FROM json_each(?)) GROUP BY stream',
    ) as Statement<[string], { stream: string; revision: number }>,
  };
}

function toInsertRow(event: NewEvent, stream: string, seq: number, revision: number): InsertRow {
  const { id, type, recordedAt } = event;
  return { seq, id, stream, revision, type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), recorded_at: recordedAt, leaf: EMPTY };
}

/** Set once the append's leaves are hashed, all in one batch. */
const EMPTY = new Uint8Array(0);

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
