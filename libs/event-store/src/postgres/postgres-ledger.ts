import { types as pgTypes, type CustomTypesConfig, type Pool, type PoolClient } from 'pg';
import type { StoredEvent } from '../event-store.port';
import type { LedgerRow } from '../sqlite/ledger-rows';
import { checkSchemaName } from './postgres.schema';

/** A row as inserted: the same tuple as the SQLite ledger file's (so a ledger copies across as is). */
export type PostgresRow = LedgerRow;
/** A row as a read gives it (rowMode 'array'): json columns parsed by the driver. */
type EventRowArray = [
  seq: number,
  id: string,
  stream: string,
  revision: number,
  type: string,
  data: Record<string, unknown>,
  metadata: StoredEvent['metadata'],
  recordedAt: string,
];
/** A row of the whole log, for exports and audits: the event and the leaf stored at append. */
export type PostgresLogRow = [...EventRowArray, leaf: Buffer];

/** bigint columns (seq, revision, counts) as numbers: every seq is a safe integer (a 1-based ordinal). */
export const PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? Number : pgTypes.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};
const INT8 = 20;

/** Leaves concatenated per query: a 2 MiB value, so a million-leaf read never holds much more than its result. */
const LEAVES_PER_QUERY = 65_536;

/** Every statement's text, built once per schema; each is prepared once per connection (by name). */
function statements(s: string) {
  const columns = 'seq, id, stream, revision, type, data, metadata, recorded_at';
  return {
    head: `SELECT seq FROM ${s}.ledger_head`,
    lockHead: `SELECT seq FROM ${s}.ledger_head FOR UPDATE`,
    readAll: `SELECT ${columns} FROM ${s}.events WHERE seq >= $1 ORDER BY seq LIMIT $2`,
    readStream: `SELECT ${columns} FROM ${s}.events WHERE stream = $1 ORDER BY revision`,
    readStreams: `SELECT ${columns} FROM ${s}.events WHERE stream = ANY($1::text[]) ORDER BY stream, revision`,
    ofTypes: `SELECT ${columns} FROM ${s}.events WHERE type = ANY($1::text[]) AND seq BETWEEN $2 AND $3 ORDER BY seq`,
    byIds: `SELECT ${columns} FROM ${s}.events WHERE id = ANY($1::text[])`,
    streamRevisions: `SELECT stream, max(revision) FROM ${s}.events WHERE stream = ANY($1::text[]) GROUP BY stream`,
    leaves: `SELECT string_agg(leaf, ''::bytea ORDER BY seq), count(*), count(*) FILTER (WHERE octet_length(leaf) = 32) FROM ${s}.events WHERE seq BETWEEN $1 AND $2`,
    logRows: `SELECT ${columns}, leaf FROM ${s}.events WHERE seq BETWEEN $1 AND $2 ORDER BY seq`,
    /**
     * The rows, the head moved past them and the wake-up of every listener, in one statement. The
     * head moves by the rows actually inserted and only from the head this transaction locked: any
     * other outcome updates nothing, and the caller rolls back.
     */
    insert: `WITH inserted AS (
        INSERT INTO ${s}.events (${columns}, leaf)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::json[], $7::json[], $8::text[], $9::bytea[])
        RETURNING 1)
      UPDATE ${s}.ledger_head SET seq = seq + (SELECT count(*) FROM inserted) WHERE seq = $10
      RETURNING seq, pg_notify($11, seq::text)`,
  };
}

type Sql = ReturnType<typeof statements>;
type Name = keyof Sql;

/**
 * Every query of the PostgreSQL event store (schema in `postgres.schema.ts`), so the store, the
 * audit's reader and the benchmarks read the same rows the same way. Reads run on the pool; the
 * append's statements on the client holding the append transaction.
 */
export class PostgresLedger {
  private readonly sql: Sql;
  /** The LISTEN / NOTIFY channel of this schema's appends. */
  readonly channel: string;

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
  ) {
    this.sql = statements(checkSchemaName(schema));
    this.channel = `${schema}_appended`;
  }

  async head(on: Pool | PoolClient = this.pool): Promise<number> {
    return (await this.rows<[number]>(on, 'head', []))[0][0];
  }

  async readAll(fromSeq: number, limit: number): Promise<StoredEvent[]> {
    return (await this.rows<EventRowArray>(this.pool, 'readAll', [Math.max(fromSeq, 1), Math.max(limit, 0)])).map(toStored);
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return (await this.rows<EventRowArray>(this.pool, 'readStream', [stream])).map(toStored);
  }

  async readStreams(streams: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const found = new Map<string, StoredEvent[]>(streams.map((stream) => [stream, []]));
    for (const row of await this.rows<EventRowArray>(this.pool, 'readStreams', [streams])) found.get(row[2])!.push(toStored(row));
    return found;
  }

  /** By the `(type, seq)` index: the events of `types` with `fromSeq <= seq <= toSeq`, in seq order. */
  async readOfTypes(fromSeq: number, toSeq: number, types: readonly string[]): Promise<StoredEvent[]> {
    if (types.length === 0) return [];
    return (await this.rows<EventRowArray>(this.pool, 'ofTypes', [[...new Set(types)], fromSeq, toSeq])).map(toStored);
  }

  /** The stored leaves of `fromSeq..toSeq`, 32 bytes each in seq order, a run of rows per query. */
  async readLeaves(fromSeq: number, toSeq: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq) || fromSeq < 1 || toSeq < fromSeq)
      throw new RangeError(`bad leaf range ${fromSeq}..${toSeq}`);
    const out = new Uint8Array((toSeq - fromSeq + 1) * 32);
    for (let from = fromSeq; from <= toSeq; from += LEAVES_PER_QUERY) {
      const to = Math.min(toSeq, from + LEAVES_PER_QUERY - 1);
      const [[leaves, rows, wellFormed]] = await this.rows<[Buffer | null, number, number]>(this.pool, 'leaves', [from, to]);
      // seq is the primary key: `to - from + 1` rows in the range are exactly the range.
      if (rows !== to - from + 1)
        throw new Error(`leaf range ${fromSeq}..${toSeq}: ${to - from + 1 - rows} of seq ${from}..${to} are not stored`);
      if (wellFormed !== rows || !leaves) throw new Error(`leaf range ${from}..${to}: a stored leaf is not 32 bytes`);
      out.set(leaves, (from - fromSeq) * 32);
    }
    return out;
  }

  /** Whole rows of `fromSeq..toSeq` with their stored leaves, in seq order (exports, audits). */
  async logRows(fromSeq: number, toSeq: number, on: Pool | PoolClient = this.pool): Promise<PostgresLogRow[]> {
    return this.rows<PostgresLogRow>(on, 'logRows', [fromSeq, toSeq]);
  }

  /** In an append transaction: waits for, and takes, the lock on the head, and returns it. */
  async lockHead(client: PoolClient): Promise<number> {
    return (await this.rows<[number]>(client, 'lockHead', []))[0][0];
  }

  /** The stored events among `ids`, by id. */
  async storedByIds(client: PoolClient, ids: readonly string[]): Promise<Map<string, StoredEvent>> {
    const rows = await this.rows<EventRowArray>(client, 'byIds', [ids]);
    return new Map(rows.map((row) => [row[1], toStored(row)]));
  }

  /** Each existing stream of `streams` with its last revision; a missing stream is absent. */
  async streamRevisions(client: PoolClient, streams: readonly string[]): Promise<Map<string, number>> {
    return new Map(await this.rows<[string, number]>(client, 'streamRevisions', [streams]));
  }

  /**
   * In the append transaction that locked the head at `head`: inserts `rows` (seqs head + 1 ...),
   * moves the head past them and notifies the listeners at commit. Throws, for the caller to roll
   * back, when the head did not move exactly so.
   */
  async insert(client: PoolClient, rows: readonly PostgresRow[], head: number): Promise<void> {
    const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
    for (const row of rows) for (let c = 0; c < 9; c++) columns[c].push(row[c]);
    const moved = await this.rows<[number, unknown]>(client, 'insert', [...columns, head, this.channel]);
    if (moved.length !== 1 || moved[0][0] !== head + rows.length)
      throw new Error(`the ledger head moved from ${head} to ${moved[0]?.[0]}, not by the ${rows.length} rows inserted`);
  }

  /** `insertRows` without the store's checks, in a transaction of its own (fixtures and benchmarks). */
  async loadRows(rows: readonly PostgresRow[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await this.insert(client, rows, await this.lockHead(client));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async rows<R extends unknown[]>(on: Pool | PoolClient, name: Name, values: unknown[]): Promise<R[]> {
    const result = await on.query<R>({ name: `${this.schema}.${name}`, text: this.sql[name], values, rowMode: 'array' });
    return result.rows;
  }
}

function toStored([seq, id, stream, revision, type, data, metadata, recordedAt]: EventRowArray | PostgresLogRow): StoredEvent {
  return { seq, id, stream, revision, type, data, metadata, recordedAt };
}

/** A row as `insert` takes it, as a read gives it back. */
export function storedOfPostgresRow([seq, id, stream, revision, type, data, metadata, recordedAt]: PostgresRow): StoredEvent {
  return { seq, id, stream, revision, type, data: JSON.parse(data), metadata: JSON.parse(metadata), recordedAt };
}
