import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from '@stackledger/merkle';
import type { StoredEvent } from '../event-store.port';
import type { HashedRowArray, LedgerRow, LogRowArray, ProjectedRow, ProjectedRowArray } from './ledger-rows';
import { LeafReads, StoredLeaves, leafOfEvent } from './sqlite.leaves';
import { LedgerDatabaseOptions, openLedgerDatabase, openLedgerDatabaseReadOnly, RowMigration } from './sqlite.schema';

export type { HashedRowArray, LedgerRow, LogRowArray, ProjectedRow, ProjectedRowArray } from './ledger-rows';

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

const COLUMNS = 'seq, id, stream, revision, type, data, metadata, recorded_at';
/** Every statement's text, built once: a statement is looked up by its text on each call. */
const SQL = {
  insert: `INSERT INTO events (${COLUMNS}, leaf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  head: 'SELECT coalesce(max(seq), 0) FROM events',
  readAll: `SELECT ${COLUMNS} FROM events WHERE seq >= ? ORDER BY seq LIMIT ?`,
  readStream: `SELECT ${COLUMNS} FROM events WHERE stream = ? ORDER BY revision`,
  readStreams: `SELECT ${COLUMNS} FROM events WHERE stream IN (SELECT value FROM json_each(?)) ORDER BY stream, revision`,
  ofType: `SELECT ${COLUMNS} FROM events WHERE type = ? AND seq BETWEEN ? AND ? ORDER BY seq`,
  sampleOfType: `SELECT ${COLUMNS} FROM events WHERE type = ? ORDER BY random() LIMIT ?`,
  byIds: `SELECT ${COLUMNS} FROM events WHERE id IN (SELECT value FROM json_each(?))`,
  bySeq: `SELECT ${COLUMNS} FROM events WHERE seq = ?`,
  streamRevisions: 'SELECT stream, max(revision) AS revision FROM events WHERE stream IN (SELECT value FROM json_each(?)) GROUP BY stream',
  projectedRows: 'SELECT seq, stream, type, data, recorded_at FROM events WHERE seq <= ? ORDER BY seq',
  /** projectedRows plus the metadata of the rows whose type is in a JSON array (NULL for the others). */
  projectedRowsWithMetadata:
    'SELECT seq, stream, type, data, recorded_at, CASE WHEN type IN (SELECT value FROM json_each(?)) THEN metadata END FROM events WHERE seq <= ? ORDER BY seq',
  dataText: 'SELECT data FROM events WHERE seq = ?',
  dataPage: 'SELECT seq, data FROM events WHERE seq > ? ORDER BY seq LIMIT 10000',
  setData: 'UPDATE events SET data = ? WHERE seq = ?',
  storedRows: `SELECT ${COLUMNS}, leaf FROM events ORDER BY seq`,
  /** With the leaf column, or NULL in its place (see `leafColumn`). */
  hashedRows: (leaf: string) => `SELECT seq, id, stream, type, data, recorded_at, ${leaf} FROM events WHERE seq <= ? ORDER BY seq`,
  logRows: (leaf: string) =>
    `SELECT seq, id, stream, type, data, metadata, recorded_at, ${leaf} FROM events WHERE seq >= ? ORDER BY seq LIMIT ?`,
  leafRows: 'SELECT seq, leaf FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq',
  // A run of leaves as ONE blob: stepping a million rows into JS (an array and a Buffer each)
  // cost 4x the SQL itself. group_concat keeps the blobs' bytes (CAST back to BLOB) and takes
  // them in the subquery's order: SQLite never flattens an ORDER BY subquery into an aggregate
  // (query flattener rule 16, kept for group_concat), and ORDER BY seq is the rowid scan's own order.
  leafRun: `SELECT CAST(group_concat(leaf, x'') AS BLOB), count(*), sum(length(leaf) = 32)
            FROM (SELECT leaf FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq)`,
};

/**
 * The ledger file: every query of the `events` table lives here (the schema in `sqlite.schema.ts`),
 * so the store, the audit, a rebuild's threads and the benchmarks read the same rows the same way.
 * Reads come back typed: events parsed, or raw arrays (`raw()`, no object per row) for the passes
 * over a million rows. Statements are prepared on first use: a read-only connection to a file of
 * schema v1 (no `leaf` column) can still prepare the reads that do not insert.
 */
export class LedgerFile {
  private readonly statements = new Map<string, Statement>();
  private leaves?: StoredLeaves;
  /** `leaf`, or `NULL` in a file of schema v1 opened read-only (so not migrated). */
  private readonly leafColumn: string;
  /**
   * True when every row's `data` is its canonical JSON text (schema 3 on): an event's hash is then
   * keccak of the stored text wrapped in its envelope. False only for an older file opened read-only.
   */
  readonly dataIsCanonical: boolean;

  constructor(private readonly db: Database) {
    const columns = db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[];
    this.leafColumn = columns.includes('leaf') ? 'leaf' : 'NULL';
    this.dataIsCanonical = (db.pragma('user_version', { simple: true }) as number) >= 3;
  }

  /** Opens for writing, creating and migrating as needed (see `openLedgerDatabase`). */
  static open(path: string, options: LedgerDatabaseOptions = {}): LedgerFile {
    return new LedgerFile(openLedgerDatabase(path, options, migrateLedgerRows));
  }

  /** Opens an existing file for reading only: never migrated, checkpointed or written. */
  static openReadOnly(path: string): LedgerFile {
    return new LedgerFile(openLedgerDatabaseReadOnly(path));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The highest seq stored (0 when empty). */
  head(): number {
    return this.prepare<[], number>(SQL.head, 'pluck').get()!;
  }

  readAll(fromSeq: number, limit: number): StoredEvent[] {
    return this.prepare<[number, number], EventRow>(SQL.readAll).all(fromSeq, limit).map(toStored);
  }

  readStream(stream: string): StoredEvent[] {
    return this.prepare<[string], EventRow>(SQL.readStream).all(stream).map(toStored);
  }

  /** One query for them all (json_each); a missing stream gets an empty array. */
  readStreams(streams: readonly string[]): Map<string, StoredEvent[]> {
    const found = new Map<string, StoredEvent[]>(streams.map((stream) => [stream, []]));
    for (const row of this.prepare<[string], EventRow>(SQL.readStreams).all(JSON.stringify(streams)))
      found.get(row.stream)!.push(toStored(row));
    return found;
  }

  /** By the `(type, seq)` index: the events of `types` with `fromSeq <= seq <= toSeq`, in seq order. */
  readOfTypes(fromSeq: number, toSeq: number, types: readonly string[]): StoredEvent[] {
    const ofType = this.prepare<[string, number, number], EventRow>(SQL.ofType);
    const rows: EventRow[] = [];
    for (const type of new Set(types)) rows.push(...ofType.all(type, fromSeq, toSeq));
    return rows.sort((a, b) => a.seq - b.seq).map(toStored);
  }

  /** `count` events of `type` picked at random (benchmarks ask for random credentials). */
  sampleOfType(type: string, count: number): StoredEvent[] {
    return this.prepare<[string, number], EventRow>(SQL.sampleOfType).all(type, count).map(toStored);
  }

  /** The stored events among `ids`, by id. */
  storedByIds(ids: readonly string[]): Map<string, StoredEvent> {
    const rows = this.prepare<[string], EventRow>(SQL.byIds).all(JSON.stringify(ids));
    return new Map(rows.map((row) => [row.id, toStored(row)]));
  }

  /** Each existing stream of `streams` with its last revision; a missing stream is absent. */
  streamRevisions(streams: readonly string[]): Map<string, number> {
    const rows = this.prepare<[string], { stream: string; revision: number }>(SQL.streamRevisions).all(JSON.stringify(streams));
    return new Map(rows.map((row) => [row.stream, row.revision]));
  }

  /**
   * The leaves of `fromSeq..toSeq`, 32 bytes each in seq order, as stored at append; rows of schema
   * v1 have none and get theirs computed. Preconditions: keccak initialised (`initMerkle`) when
   * such rows may be in the range; 1 <= fromSeq <= toSeq <= head().
   */
  readLeaves(fromSeq: number, toSeq: number): Uint8Array {
    this.leaves ??= new StoredLeaves(prepareLeafReads(this.db), (seq) =>
      leafOfEvent(toStored(this.prepare<[number], EventRow>(SQL.bySeq).get(seq)!)),
    );
    return this.leaves.read(fromSeq, toSeq);
  }

  /** Seq 1..`throughSeq` for folding. Rows at or below a seq read as the head never change, so threads reading the same range see the same events. */
  projectedRows(throughSeq: number, metadataOfTypes: readonly string[] = []): IterableIterator<ProjectedRowArray> {
    if (metadataOfTypes.length === 0) return this.prepare<[number], ProjectedRowArray>(SQL.projectedRows, 'raw').iterate(throughSeq);
    return this.prepare<[string, number], ProjectedRowArray>(SQL.projectedRowsWithMetadata, 'raw').iterate(
      JSON.stringify(metadataOfTypes),
      throughSeq,
    );
  }

  /** Seq 1..`throughSeq` for the per-event hash check. */
  hashedRows(throughSeq: number): IterableIterator<HashedRowArray> {
    return this.prepare<[number], HashedRowArray>(SQL.hashedRows(this.leafColumn), 'raw').iterate(throughSeq);
  }

  /** A page of whole rows from `fromSeq`, for reading the log as an export. */
  logRows(fromSeq: number, limit: number): LogRowArray[] {
    return this.prepare<[number, number], LogRowArray>(SQL.logRows(this.leafColumn), 'raw').all(fromSeq, limit);
  }

  /** Every row exactly as inserted, in seq order: for copying a ledger into another store. */
  storedRows(): IterableIterator<LedgerRow> {
    return this.prepare<[], LedgerRow>(SQL.storedRows, 'raw').iterate();
  }

  /** One event's data as stored (JSON text), or undefined. */
  dataText(seq: number): string | undefined {
    return this.prepare<[number], string>(SQL.dataText, 'pluck').get(seq);
  }

  /**
   * Inserts the rows as given, without any check, in the caller's transaction (the store's append),
   * or each on its own when there is none.
   */
  insertRows(rows: readonly LedgerRow[]): void {
    const insert = this.prepare<LedgerRow>(SQL.insert);
    for (const row of rows) insert.run(...row);
  }

  /** `insertRows` in one IMMEDIATE transaction of its own: fixtures and benchmarks load rows this way. */
  loadRows(rows: readonly LedgerRow[]): void {
    this.db.transaction(() => this.insertRows(rows)).immediate();
  }

  /** Each text is always prepared with the same `mode`, so the text alone keys the cache. */
  private prepare<P extends unknown[], R = unknown>(sql: string, mode?: 'raw' | 'pluck'): Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (mode === 'raw') statement.raw(true);
      if (mode === 'pluck') statement.pluck(true);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  }
}

/**
 * Schema 2 -> 3: every row's data rewritten as its canonical text, page by page, in the migration's
 * transaction (a crash leaves the file as it was). Parsing and re-serialising keeps every value
 * (the text was JSON.stringify's), so the leaves, taken over the canonical text, stay as they are.
 */
export const migrateLedgerRows: RowMigration = (db, fromVersion) => {
  if (fromVersion === 0 || fromVersion >= 3) return;
  const page = db.prepare<[number], [number, string]>(SQL.dataPage).raw(true);
  const setData = db.prepare<[string, number]>(SQL.setData);
  for (let rows = page.all(0); rows.length > 0; rows = page.all(rows[rows.length - 1][0])) {
    for (const [seq, data] of rows) {
      const canonical = canonicalJson(JSON.parse(data));
      if (canonical !== data) setData.run(canonical, seq);
    }
  }
};

/** The reads of `StoredLeaves` on `db`, in raw mode: arrays instead of one object per row, which matters at a million rows. */
export function prepareLeafReads(db: Database): LeafReads {
  return {
    run: (db.prepare(SQL.leafRun) as LeafReads['run']).raw(true),
    rows: (db.prepare(SQL.leafRows) as LeafReads['rows']).raw(true),
  };
}

/** The events of a ledger file through `throughSeq`, in seq order, on a connection of their own (closed when the iteration ends, early or not). */
export function* projectedEvents(file: string, throughSeq: number, metadataOfTypes: readonly string[] = []): Generator<ProjectedRow> {
  const ledger = LedgerFile.openReadOnly(file);
  try {
    for (const [seq, stream, type, data, recordedAt, metadata] of ledger.projectedRows(throughSeq, metadataOfTypes)) {
      const event: ProjectedRow = { seq, stream, type, data: JSON.parse(data) as Record<string, unknown>, recordedAt };
      if (metadata) event.metadata = JSON.parse(metadata) as Record<string, unknown>;
      yield event;
    }
  } finally {
    ledger.close();
  }
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

/** A row as `insertRows` takes it, as a read gives it back. */
export function storedOfRow([seq, id, stream, revision, type, data, metadata, recordedAt]: LedgerRow): StoredEvent {
  return { seq, id, stream, revision, type, data: JSON.parse(data), metadata: JSON.parse(metadata), recordedAt };
}
