import type Database from 'better-sqlite3';
import type { RebuildWrite } from '@stackledger/projections';
import { GET_CHECKPOINT, INSERT_DOCUMENT, KEY_INDEX, PUT_CHECKPOINT } from './read-model.schema';

/** A rebuild write that also takes documents serialised elsewhere (a two-thread rebuild's other half). */
export interface SqliteRebuildWrite extends RebuildWrite {
  /** Documents already serialised: `collection, key, body` triples, flat. */
  insertSerialized(rows: readonly string[]): void;
}

/**
 * Starts writing a rebuild of empty read models: ONE transaction, committed with the checkpoint, so
 * a crash before `commit` leaves checkpoint 0 and the next start rebuilds. Plain INSERTs into the
 * bare table, the key index built once at the end (a sort, where inserting 1 M random keys into the
 * index splits its pages all along), under a rollback journal, which does not copy pages appended
 * to the file, where WAL would write every page twice. `ended` is called once the transaction is
 * over, with the committed checkpoint (undefined when rolled back).
 */
export function openSqliteRebuildWrite(db: Database.Database, ended: (committed: number | undefined) => void): SqliteRebuildWrite {
  const journal = db.pragma('journal_mode', { simple: true });
  // Another connection to the file (the API's reads, when the projector has a thread) keeps it
  // in WAL mode, which is only slower.
  const left = journal === 'wal' && leaveWal(db);
  const restoreJournal = () => {
    if (left) db.pragma('journal_mode = WAL');
  };
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    restoreJournal();
    throw error;
  }
  const end = (sql: string, committed?: number) => {
    let done = false;
    try {
      if (db.inTransaction) db.exec(sql);
      done = true;
    } finally {
      restoreJournal();
      ended(done ? committed : undefined);
    }
  };
  try {
    if ((db.prepare(GET_CHECKPOINT).get() as { seq: number }).seq !== 0)
      throw new Error('read models were written to during their rebuild');
    db.exec('DROP INDEX IF EXISTS documents_by_key; DELETE FROM documents;');
  } catch (error) {
    end('ROLLBACK');
    throw error;
  }
  const insert = db.prepare<[string, string, string]>(INSERT_DOCUMENT);
  return {
    insertDocuments(documents) {
      for (const [collection, key, doc] of documents) insert.run(collection, key, JSON.stringify(doc));
    },
    insertSerialized(rows) {
      for (let i = 0; i < rows.length; i += 3) insert.run(rows[i], rows[i + 1], rows[i + 2]);
    },
    commit(throughSeq) {
      try {
        db.exec(KEY_INDEX);
        db.prepare(PUT_CHECKPOINT).run(throughSeq);
      } catch (error) {
        end('ROLLBACK');
        throw error;
      }
      end('COMMIT', throughSeq);
    },
    abort: () => end('ROLLBACK'),
  };
}

/** True when the file left WAL mode (SQLite refuses while another connection has it open). */
function leaveWal(db: Database.Database): boolean {
  try {
    return db.pragma('journal_mode = DELETE', { simple: true }) !== 'wal';
  } catch {
    return false;
  }
}
