import type { Database } from 'better-sqlite3';
import { canonicalEventJsonWithData, initMerkle, leavesOfTexts } from '@stackledger/merkle';
import { assertAppendMany, checkConditions, checkExpectedRevision, findReplay } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
import type { LeafReader, MultiStreamAppend, MultiStreamRead, TypedReader } from '../event-store.capabilities';
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
} from '../event-store.port';
import { getCheckpoint, saveCheckpoint } from './sqlite.checkpoints';
import { GroupCommit, Outcome } from './sqlite.group-commit';
import { LedgerFile, LedgerRow, migrateLedgerRows, storedOfRow } from './ledger-file';
import { openLedgerDatabase, openLedgerDatabaseReadOnly } from './sqlite.schema';
import { OffThreadCheckpoints } from './sqlite.wal-checkpointer';

export interface SqliteEventStoreOptions {
  /** How often an idle subscription re-reads, to see appends made by other processes. Default 200. */
  pollIntervalMs?: number;
  /** Events read per query by a subscription. Default 500. */
  pageSize?: number;
  /** How long to wait for another process's write lock before failing. Default 5000. */
  busyTimeoutMs?: number;
}

/** An `appendMany` as checked: each append's events' data as canonical JSON, for their leaves. */
interface CheckedAppends {
  appends: readonly StreamAppend[];
  canonicalData: string[][];
  conditions: readonly StreamCondition[];
}

type AppendAll = (checked: CheckedAppends) => AppendResult[];

/**
 * The embedded event store: one SQLite file in WAL mode, shared safely by several processes.
 * Appends run in IMMEDIATE transactions (idempotency check, revision check, insert), so appends
 * from all connections are serialised and `seq` is `max + 1`: contiguous, and committed in seq
 * order, which is what lets subscriptions read by seq without skipping anything. Appends made in
 * the same turn of the event loop share one transaction (group commit), each in its own savepoint.
 * better-sqlite3 is synchronous: each call blocks the event loop for its (short) duration.
 * Offers every capability: `SqliteLedgerFile` too when it keeps a file (not `:memory:`).
 */
export class SqliteEventStore implements EventStore, MultiStreamAppend, MultiStreamRead, LeafReader, TypedReader {
  private readonly ledger: LedgerFile;
  private readonly appends: GroupCommit<CheckedAppends, AppendResult[]>;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly appendWatchers = new Set<() => void>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private checkpoints?: OffThreadCheckpoints;

  private constructor(
    private readonly db: Database,
    options: SqliteEventStoreOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.pageSize = options.pageSize ?? 500;
    this.ledger = new LedgerFile(db);
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
  }

  /**
   * Opens (creating folders, file and tables as needed) the store at `filePath`; `:memory:` gives a
   * private in-memory database, useful in tests only.
   */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const db = openLedgerDatabase(filePath, { busyTimeoutMs: options.busyTimeoutMs }, migrateLedgerRows);
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
    return new SqliteEventStore(openLedgerDatabaseReadOnly(filePath, options.busyTimeoutMs ?? 5000), options);
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

  /** `SqliteLedgerFile`: the file, which other connections can open; undefined for a private `:memory:` one. */
  get ledgerFile(): string | undefined {
    return this.db.memory ? undefined : this.db.name;
  }

  /** The connection itself, for this module's tests (pragmas, integrity); queries go through `LedgerFile`. */
  get database(): Database {
    return this.db;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0];
  }

  /** All streams in one IMMEDIATE transaction: a refusal of any stream rolls every stream back. */
  async appendMany(appends: readonly StreamAppend[], conditions: readonly StreamCondition[] = []): Promise<AppendResult[]> {
    // The check canonicalises every event's data, outside the write lock; the leaves reuse it.
    const canonicalData = assertAppendMany(appends, conditions);
    await initMerkle(); // leaves are hashed inside the transaction
    const results = await this.appends.submit({ appends, canonicalData, conditions });
    if (results.some((r) => !r.duplicate)) {
      this.wake();
      this.appendWatchers.forEach((listener) => listener());
    }
    return results;
  }

  /** `LeafReader`: stored leaves, computed for rows written before schema v2. */
  async readLeaves(fromSeq: number, toSeq: number): Promise<Uint8Array> {
    if (toSeq >= fromSeq && fromSeq >= 1) await initMerkle();
    return this.ledger.readLeaves(fromSeq, toSeq);
  }

  async readOfTypes(fromSeq: number, toSeq: number, types: readonly string[]): Promise<StoredEvent[]> {
    return this.ledger.readOfTypes(fromSeq, toSeq, types);
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return this.ledger.readStream(stream);
  }

  /** One query for them all; a missing stream gets an empty array. */
  async readStreams(streams: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    return this.ledger.readStreams(streams);
  }

  async readAll(fromSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.ledger.readAll(fromSeq, limit);
  }

  async headSeq(): Promise<number> {
    return this.ledger.head();
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription: CatchUpSubscription = new CatchUpSubscription((fromSeq, limit) => this.readAll(fromSeq, limit), options, {
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
      onEnd: () => this.subscriptions.delete(subscription),
    });
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
  private appendAllNow({ appends, canonicalData, conditions }: CheckedAppends): AppendResult[] {
    let nextSeq = this.ledger.head() + 1;
    // One query each for the whole call, not one per event and one per stream: a bulk issuance of
    // 1,000 credentials to 1,000 learners made 2,000. Streams and ids are distinct (assertAppendMany),
    // so nothing this call inserts changes what the queries found.
    const ids = appends.flatMap((append) => append.events.map((event) => event.id));
    const stored = this.ledger.storedByIds(ids);
    const revisions = this.ledger.streamRevisions([...appends, ...conditions].map((append) => append.stream));
    checkConditions(conditions, (stream) => revisions.get(stream));
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
    const rows = events.map((event, i): LedgerRow => {
      const { id, type, metadata, recordedAt } = event;
      // Data is stored as its canonical text (schema 3): the text its hash is taken over.
      return [firstSeq + i, id, stream, firstRevision + i, type, canonicalData[i], JSON.stringify(metadata), recordedAt, EMPTY];
    });
    // The returned copy is parsed back from the stored text, so callers see exactly what a read gives.
    const appended = rows.map(storedOfRow);
    // One call into WASM for the whole append: per-event calls cost more than the hashing itself.
    const leaves = leavesOfTexts(appended.map((event, i) => canonicalEventJsonWithData(event, canonicalData[i])));
    rows.forEach((row, i) => (row[8] = leaves.subarray(i * 32, i * 32 + 32)));
    this.ledger.insertRows(rows);
    return { revision: appended[appended.length - 1].revision, events: appended, duplicate: false };
  }
}

/** Set once the append's leaves are hashed, all in one batch. */
const EMPTY = new Uint8Array(0);
