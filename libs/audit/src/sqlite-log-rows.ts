import type { Database } from 'better-sqlite3';

/**
 * The SQLite event store's rows read straight from its `events` table (schema: libs/event-store,
 * sqlite.schema.ts), as arrays (`raw`), with no object per row and no page copies: the audit reads a
 * million of them. The audit's statements stop at a seq fixed when it starts, so the thread that
 * folds and the thread that checks see the same rows even while the ledger keeps appending.
 */

/** What the per-event checks need: the hashed envelope and the leaf stored at append (NULL in rows older than schema v2). */
export const hashedRows = (db: Database): string => `SELECT seq, id, stream, type, data, recorded_at, ${leafColumn(db)} FROM events WHERE seq <= ? ORDER BY seq`;
export type HashedRow = [seq: number, id: string, stream: string, type: string, data: string, recordedAt: string, leaf: Uint8Array | null];

/** What the projections and the audit's records need: the event store's own projected rows. */
export { PROJECTED_ROWS as FOLDED_ROWS, type ProjectedRowArray as FoldedRow } from '@stackledger/event-store';

/** A page of whole rows, for reading the log as events. */
export const pageRows = (db: Database): string => `SELECT seq, id, stream, type, data, metadata, recorded_at, ${leafColumn(db)} FROM events WHERE seq >= ? ORDER BY seq LIMIT ?`;
export type PageRow = [seq: number, id: string, stream: string, type: string, data: string, metadata: string, recordedAt: string, leaf: Uint8Array | null];

/** One row's data, read again after the pass (the few revoked credentials). */
export const ROW_DATA = 'SELECT data FROM events WHERE seq = ?';

/** A file of schema v1, opened read-only (so not migrated), has no leaf column: its leaves read as NULL. */
function leafColumn(db: Database): string {
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[];
  return columns.includes('leaf') ? 'leaf' : 'NULL';
}
