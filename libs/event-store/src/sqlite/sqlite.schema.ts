import type { Database } from 'better-sqlite3';

/** Bumped, with a migration, whenever the tables below change; kept in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 1;

/**
 * Modelled on Emmett's SQLite store: the global position is the primary key, a stream's events are
 * unique by revision, and projections keep their positions in `checkpoints`. `data` and `metadata`
 * are JSON text exactly as serialised at append, so key order survives. There is no `streams` table:
 * a stream's revision is `max(revision)`, read from the `UNIQUE(stream, revision)` index.
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
    UNIQUE (stream, revision)
  );
  CREATE TABLE IF NOT EXISTS checkpoints (
    name  TEXT    PRIMARY KEY,
    seq   INTEGER NOT NULL
  );
`;

/**
 * Configures the connection and creates the tables when missing. WAL lets readers run beside the
 * writer; `synchronous = FULL` syncs the WAL on every commit, so an acknowledged append survives a
 * crash of the process and of the machine; `busy_timeout` makes a second process wait for the write
 * lock instead of failing.
 */
export function prepareDatabase(db: Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`event store schema ${version} is newer than this code (${SCHEMA_VERSION})`);
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
