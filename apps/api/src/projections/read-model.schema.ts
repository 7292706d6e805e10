import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const SCHEMA_VERSION = 4;

export const KEY_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS documents_by_key ON documents (collection, key)';
export const GET_CHECKPOINT = 'SELECT seq FROM checkpoint WHERE id = 1';
export const PUT_CHECKPOINT = 'UPDATE checkpoint SET seq = ? WHERE id = 1';
export const INSERT_DOCUMENT = 'INSERT INTO documents (collection, key, body) VALUES (?, ?, ?)';

/** Opens (creating folders, file and tables as needed) the read models' file; `:memory:` for a private one. */
export function openReadModelDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Catch-up reads and replaces documents at random keys: a 64 MiB page cache (default 2 MiB)
  // keeps the key index in memory instead of re-reading it from the file on every lookup.
  db.pragma('cache_size = -65536');
  // A rebuild that could not leave WAL mode grows the WAL to the size of the read models: cut it back.
  db.pragma('journal_size_limit = 67108864');
  createSchema(db);
  return db;
}

/**
 * Schema 2 keeps bodies in a rowid table (appended in order) with a separate (collection, key)
 * index: the WITHOUT ROWID table of schema 1 stored kilobyte bodies inside the randomly keyed
 * B-tree, and catch-up spent most of its time splitting its pages. Schema 3 adds the issuers'
 * current keys (`issuer-auth`, from event metadata) without which no issuer could authenticate.
 * Schema 4: a credential's document is no longer copied (its issuing seq points into the log).
 * Read models are disposable, so an older file is simply rebuilt from the first event.
 */
function createSchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    if (version < SCHEMA_VERSION) db.exec('DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS checkpoint;');
    db.exec(`
      CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL);
      ${KEY_INDEX};
      CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
      INSERT OR IGNORE INTO checkpoint (id, seq) VALUES (1, 0);`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
