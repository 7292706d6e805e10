/**
 * The SQLite event store's rows read straight from its `events` table (schema: libs/event-store,
 * sqlite.schema.ts), as arrays (`raw`), with no object per row and no page copies: the audit reads a
 * million of them. Both statements stop at a seq fixed when the audit starts, so the thread that
 * folds and the thread that hashes see the same rows even while the ledger keeps appending.
 */

/** What the hash check needs: the hashed envelope and the leaf stored at append (NULL in rows older than schema v2). */
export const HASHED_ROWS = 'SELECT seq, id, stream, type, data, recorded_at, leaf FROM events WHERE seq <= ? ORDER BY seq';
export type HashedRow = [seq: number, id: string, stream: string, type: string, data: string, recordedAt: string, leaf: Uint8Array | null];

/** What the projections and the audit's records need. */
export const FOLDED_ROWS = 'SELECT seq, stream, type, data, recorded_at FROM events WHERE seq <= ? ORDER BY seq';
export type FoldedRow = [seq: number, stream: string, type: string, data: string, recordedAt: string];

/** One row's data, read again after the pass (the few revoked credentials). */
export const ROW_DATA = 'SELECT data FROM events WHERE seq = ?';

export const HEAD_SEQ = 'SELECT coalesce(max(seq), 0) FROM events';
