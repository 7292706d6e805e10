import BetterSqlite3 from 'better-sqlite3';

/**
 * Test code: changes a ledger file behind the store's back, as someone with write access to the
 * file could, so tests can show that the audit names what was changed. Each call opens and closes
 * its own connection.
 */

/** Replaces the stored data text of event `seq` with `rewrite(text)`; returns the text it replaced. */
export function rewriteEventData(file: string, seq: number, rewrite: (data: string) => string): string {
  return withConnection(file, (db) => {
    const data = db.prepare('SELECT data FROM events WHERE seq = ?').pluck().get(seq) as string | undefined;
    if (data === undefined) throw new Error(`no event ${seq} in ${file}`);
    db.prepare('UPDATE events SET data = ? WHERE seq = ?').run(rewrite(data), seq);
    return data;
  });
}

/** Sets the stored leaf of the events `seqs` (every event when omitted) to `leaf`: NULL as in rows of schema v1, or damaged bytes. */
export function setStoredLeaves(file: string, leaf: Uint8Array | null, seqs?: readonly number[]): void {
  withConnection(file, (db) => {
    if (seqs === undefined) db.prepare('UPDATE events SET leaf = ?').run(leaf);
    else db.prepare('UPDATE events SET leaf = ? WHERE seq IN (SELECT value FROM json_each(?))').run(leaf, JSON.stringify(seqs));
  });
}

/** Deletes event `seq`, leaving a gap in the ledger. */
export function deleteEvent(file: string, seq: number): void {
  withConnection(file, (db) => db.prepare('DELETE FROM events WHERE seq = ?').run(seq));
}

function withConnection<T>(file: string, work: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}
