import { Client } from 'pg';
import { PG_TYPES, PostgresLogRow } from './postgres-ledger';
import { checkSchemaName, DEFAULT_SCHEMA, SCHEMA_VERSION } from './postgres.schema';

export interface PostgresLogReaderOptions {
  /** Default `stackledger`, as the store. */
  schema?: string;
  /** Rows per fetch. Default 5000. */
  pageSize?: number;
}

/**
 * The whole log of a PostgreSQL event store, read as an auditor reads it: one connection in a
 * READ ONLY, REPEATABLE READ transaction (one snapshot from the first row to the last, and nothing
 * can be written through it; nothing is created or migrated), one server-side cursor walking the
 * primary key in seq order, the next page asked for while the caller works on the current one.
 * Rows come with the leaf stored at append.
 */
export class PostgresLogReader {
  private constructor(
    private readonly client: Client,
    private readonly schema: string,
    /** The highest seq in the snapshot. */
    readonly head: number,
  ) {}

  /** Fails when the database holds no event store in `schema`, or one of a newer schema version. */
  static async open(url: string, options: Pick<PostgresLogReaderOptions, 'schema'> = {}): Promise<PostgresLogReader> {
    const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
    const client = new Client({ connectionString: url, types: PG_TYPES, application_name: 'stackledger-log-reader' });
    client.on('error', () => undefined); // reported by the query that meets it
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const table = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`${schema}.schema_version`]);
      const version = table.rows[0].found
        ? Number((await client.query(`SELECT max(version) AS v FROM ${schema}.schema_version`)).rows[0].v)
        : 0;
      if (!version) throw new Error(`no StackLedger event store in schema ${schema} of this database`);
      if (version > SCHEMA_VERSION)
        throw new Error(`event store schema ${version} in ${schema} is newer than this code (${SCHEMA_VERSION})`);
      const head = Number((await client.query(`SELECT seq FROM ${schema}.ledger_head`)).rows[0].seq);
      return new PostgresLogReader(client, schema, head);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** Rows of seq 1..`head` (of the snapshot), `pageSize` at a time, in seq order. */
  async *pages(pageSize = 5000): AsyncGenerator<PostgresLogRow[]> {
    const size = Math.max(1, Math.trunc(pageSize));
    await this.client.query(
      `DECLARE log NO SCROLL CURSOR FOR SELECT seq, id, stream, revision, type, data, metadata, recorded_at, leaf FROM ${this.schema}.events WHERE seq <= ${this.head} ORDER BY seq`,
    );
    const fetch = () => this.client.query<PostgresLogRow>({ text: `FETCH ${size} FROM log`, rowMode: 'array' }).then((r) => r.rows);
    let next = fetch();
    try {
      for (;;) {
        const rows = await next;
        if (rows.length === 0) return;
        next = fetch();
        yield rows;
      }
    } finally {
      await next.catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
