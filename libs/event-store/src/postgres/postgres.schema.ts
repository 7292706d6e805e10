import type { Pool } from 'pg';

/** Bumped, with a migration appended to MIGRATIONS, whenever the tables below change. */
export const SCHEMA_VERSION = 1;

/** The schema the store keeps its tables in unless told otherwise. */
export const DEFAULT_SCHEMA = 'stackledger';

/**
 * A schema name the store accepts: a plain lower-case identifier, so it needs no quoting anywhere,
 * short enough that its notification channel (`<schema>_appended`) is one too.
 */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,53}$/.test(schema))
    throw new RangeError(`PostgreSQL schema name must be a plain lower-case identifier: ${JSON.stringify(schema)}`);
  return schema;
}

/**
 * The tables, as SQLite's (Emmett's model): the global position is the primary key and a stream's
 * events are unique by revision. `data` and `metadata` are `json`, which keeps the text exactly as
 * serialised at append (`jsonb` would reorder keys and drop duplicate ones), so what a read gives
 * back is what was hashed. `leaf` is the event's Merkle leaf, computed in the append transaction.
 *
 * `ledger_head` is the whole ordering design: ONE row holding the last seq, locked (`FOR UPDATE`)
 * first thing in every append transaction and moved forward in it. So appends from every
 * connection, process and API instance are serialised, each gets `seq = head + 1 ...`, and they
 * commit in seq order: a reader can never see seq n + 1 before seq n. A sequence (`bigserial`)
 * would not do: its values are handed out at insert and commit in any order, so a catch-up reader
 * that has read up to n + 1 skips n for good when n commits later.
 */
const MIGRATIONS: ((schema: string) => string)[] = [
  (s) => `
    CREATE TABLE ${s}.events (
      seq          bigint  PRIMARY KEY,
      id           text    NOT NULL UNIQUE,
      stream       text    NOT NULL,
      revision     bigint  NOT NULL,
      type         text    NOT NULL,
      data         json    NOT NULL,
      metadata     json    NOT NULL,
      recorded_at  text    NOT NULL,
      leaf         bytea   NOT NULL CHECK (octet_length(leaf) = 32),
      UNIQUE (stream, revision)
    );
    CREATE INDEX events_by_type ON ${s}.events (type, seq);
    CREATE TABLE ${s}.ledger_head (
      one  boolean PRIMARY KEY DEFAULT true CHECK (one),
      seq  bigint  NOT NULL
    );
    INSERT INTO ${s}.ledger_head (seq) VALUES (0);
  `,
];

/**
 * Creates the schema and tables when missing and applies the migrations this code knows, each once,
 * under a transaction-level advisory lock, so API instances starting together never run one twice.
 * Refuses a database migrated by newer code.
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  const s = checkSchemaName(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stackledger-migrate:${s}`]);
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [s]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const current = Number((await client.query(`SELECT coalesce(max(version), 0) AS v FROM ${s}.schema_version`)).rows[0].v);
    if (current > SCHEMA_VERSION)
      throw new Error(`event store schema ${current} in PostgreSQL schema ${s} is newer than this code (${SCHEMA_VERSION})`);
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version - 1](s));
      await client.query(`INSERT INTO ${s}.schema_version (version) VALUES ($1)`, [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
