import BetterSqlite3, { type Database } from 'better-sqlite3';

/** The fields of an event that projections fold (`ProjectedEvent` of @stackledger/projections). */
export interface ProjectedRow {
  seq: number;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
  /** Only on rows of the types asked for (see `projectedEvents`). */
  metadata?: Record<string, unknown>;
}

/** Seq 1..n straight from the `events` table, as arrays: no row objects, no id or metadata parsed. */
export const PROJECTED_ROWS = 'SELECT seq, stream, type, data, recorded_at FROM events WHERE seq <= ? ORDER BY seq';
export type ProjectedRowArray = [seq: number, stream: string, type: string, data: string, recordedAt: string];

/** A connection to an existing event store file that can only read it: no migration, no checkpoint, no write. */
export function openEventFile(file: string): Database {
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true });
}

/** PROJECTED_ROWS plus the metadata of the rows whose type is in a JSON array (NULL for the others). */
const PROJECTED_ROWS_WITH_METADATA =
  'SELECT seq, stream, type, data, recorded_at, CASE WHEN type IN (SELECT value FROM json_each(?)) THEN metadata END FROM events WHERE seq <= ? ORDER BY seq';

/**
 * The events of a SQLite event store file through `throughSeq`, in seq order, on a connection of
 * their own (closed when the iteration ends, early or not), for folds that read a million of them
 * (a rebuild's threads). Rows at or below a seq read as the head never change, so threads reading
 * the same range see the same events while appends go on. Metadata is parsed only for the few rows
 * of `metadataOfTypes` (projections that read it say which types: `metadataOf`).
 */
export function* projectedEvents(file: string, throughSeq: number, metadataOfTypes: readonly string[] = []): Generator<ProjectedRow> {
  const db = openEventFile(file);
  try {
    const rows =
      metadataOfTypes.length === 0
        ? (db.prepare(PROJECTED_ROWS).raw(true).iterate(throughSeq) as IterableIterator<ProjectedRowArray>)
        : (db.prepare(PROJECTED_ROWS_WITH_METADATA).raw(true).iterate(JSON.stringify(metadataOfTypes), throughSeq) as IterableIterator<[...ProjectedRowArray, string | null]>);
    for (const [seq, stream, type, data, recordedAt, metadata] of rows) {
      const event: ProjectedRow = { seq, stream, type, data: JSON.parse(data) as Record<string, unknown>, recordedAt };
      if (metadata) event.metadata = JSON.parse(metadata) as Record<string, unknown>;
      yield event;
    }
  } finally {
    db.close();
  }
}

/** The highest seq stored in the file open on `db` (0 when empty). */
export function headSeqOf(db: Database): number {
  return db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
}
