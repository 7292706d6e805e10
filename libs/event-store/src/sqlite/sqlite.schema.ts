import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Bumped, with a migration, whenever the tables below change; kept in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 3;

/**
 * Rewrites the rows an older schema stored, inside the migration's transaction (the ledger-file
 * module owns the SQL on events): `fromVersion` is the file's version before this open.
 */
export type RowMigration = (db: Database, fromVersion: number) => void;

/**
 * Modelled on Emmett's SQLite store: the global position is the primary key, a stream's events are
 * unique by revision, and projections keep their positions in `checkpoints`. `data` and `metadata`
 * are JSON text exactly as serialised at append, so key order survives. There is no `streams` table:
 * a stream's revision is `max(revision)`, read from the `UNIQUE(stream, revision)` index.
 *
 * Version 2 adds `leaf`: the event's Merkle leaf (32 bytes), computed in the append
 * transaction so anchoring and proofs read 32 bytes per event instead of re-hashing JSON. Rows
 * written by version 1 keep `leaf` NULL and readers compute it. The `(type, seq)` index lets the
 * anchoring job find the revocations of a batch without reading the whole batch.
 *
 * Version 3 stores `data` as its canonical JSON (JCS) text, the text the event hash is taken over,
 * so checking a hash is a read and a keccak. Key order is not part of the record; the canonical text
 * is. Opening an older file for writing rewrites its rows once, in the migration's transaction; a
 * read-only connection to an older file reads it as it is (`LedgerFile.dataIsCanonical`).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    seq          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    stream       TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    type         TEXT    NOT NULL,
    data         TEXT    NOT NULL,
    metadata     TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL,
    leaf         BLOB,
    UNIQUE (stream, revision)
  );
  CREATE TABLE IF NOT EXISTS checkpoints (
    name  TEXT    PRIMARY KEY,
    seq   INTEGER NOT NULL
  );
`;

const INDEXES = 'CREATE INDEX IF NOT EXISTS events_by_type ON events (type, seq);';

/** v1 -> v2: the nullable leaf column (old rows stay NULL, see above). */
function migrate(db: Database): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").all() as { name: string }[];
  if (!columns.some((c) => c.name === 'leaf')) db.exec('ALTER TABLE events ADD COLUMN leaf BLOB');
}

/**
 * Configures the connection and creates the tables when missing. WAL lets readers run beside the
 * writer; `synchronous = FULL` syncs the WAL on every commit, so an acknowledged append survives a
 * crash of the process and of the machine; `busy_timeout` makes a second process wait for the write
 * lock instead of failing.
 */
export function prepareDatabase(db: Database, busyTimeoutMs: number, migrateRows: RowMigration): void {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Every append looks up its event ids and its stream's revision in indexes of the whole ledger:
  // a 64 MiB page cache (default 2 MiB) keeps their upper levels in memory as the ledger grows.
  db.pragma('cache_size = -65536');
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`event store schema ${version} is newer than this code (${SCHEMA_VERSION})`);
    db.exec(SCHEMA);
    migrate(db);
    db.exec(INDEXES);
    if (version < SCHEMA_VERSION) migrateRows(db, version);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

export interface LedgerDatabaseOptions {
  /** How long to wait for another connection's write lock before failing. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * False only for fixtures written in one go (a benchmark's generated ledger): commits are then
   * not synced, and a crash can lose or corrupt them. Default true.
   */
  durable?: boolean;
}

/**
 * Opens the ledger file at `path` for writing, creating folders, file and tables as needed, and
 * migrating an older schema; `:memory:` gives a private in-memory database (tests only).
 */
export function openLedgerDatabase(path: string, options: LedgerDatabaseOptions, migrateRows: RowMigration): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    prepareDatabase(db, options.busyTimeoutMs ?? 5000, migrateRows);
    if (options.durable === false) db.pragma('synchronous = OFF');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** A connection to an existing ledger file that can only read it: no migration, no checkpoint, no write. */
export function openLedgerDatabaseReadOnly(path: string, busyTimeoutMs?: number): Database {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  if (busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  return db;
}
