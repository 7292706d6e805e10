import type Database from 'better-sqlite3';
import { OffThreadCheckpoints } from '@stackledger/event-store';
import type { DocumentChange, DocumentSink } from '@stackledger/projections';
import { GET_CHECKPOINT, INSERT_DOCUMENT, openReadModelDatabase, PUT_CHECKPOINT } from './read-model.schema';
import { openSqliteRebuildWrite, SqliteRebuildWrite } from './sqlite-rebuild-write';

/**
 * The read models' documents in a SQLite file: JSON documents per collection plus the checkpoint,
 * written in one transaction per batch so a crash can never leave documents ahead of (or behind)
 * the checkpoint. One connection; the projector writes through it (`DocumentSink`).
 */
export class SqliteDocuments implements DocumentSink {
  private readonly db: Database.Database;
  private readonly getDoc: Database.Statement<[string, string], { body: string }>;
  private readonly putDoc: Database.Statement<[string, string, string]>;
  private readonly deleteDoc: Database.Statement<[string, string]>;
  private readonly putCheckpoint: Database.Statement<[number]>;
  private readonly getCheckpoint: Database.Statement<[], { seq: number }>;
  /** The checkpoint as this connection last wrote or read it. */
  private committed: number;
  /** Started with the first batch, once a rebuild (which needs the file to itself) is done. */
  private checkpoints?: OffThreadCheckpoints;
  /** The rebuild being written, while its transaction is open. */
  private rebuildWrite?: SqliteRebuildWrite;

  /** `path`: the file (`:memory:` for a private one). */
  constructor(readonly path: string) {
    this.db = openReadModelDatabase(path);
    this.getDoc = this.db.prepare('SELECT body FROM documents WHERE collection = ? AND key = ?');
    this.putDoc = this.db.prepare(`${INSERT_DOCUMENT} ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body`);
    this.deleteDoc = this.db.prepare('DELETE FROM documents WHERE collection = ? AND key = ?');
    this.putCheckpoint = this.db.prepare(PUT_CHECKPOINT);
    this.getCheckpoint = this.db.prepare(GET_CHECKPOINT);
    this.committed = this.checkpointInFile();
  }

  checkpoint(): number {
    return this.committed;
  }

  /** The checkpoint as the file holds it now, whoever committed it. */
  checkpointInFile(): number {
    return this.getCheckpoint.get()!.seq;
  }

  get<D>(collection: string, key: string): D | undefined {
    if (this.rebuildWrite) return undefined;
    const row = this.getDoc.get(collection, key);
    return row ? (JSON.parse(row.body) as D) : undefined;
  }

  apply(changes: Iterable<DocumentChange>, throughSeq: number): void {
    if (!this.checkpoints && this.path !== ':memory:') this.checkpoints = new OffThreadCheckpoints(this.db, this.path);
    this.db.transaction(() => {
      for (const { collection, key, document } of changes) {
        if (document === null) this.deleteDoc.run(collection, key);
        else this.putDoc.run(collection, key, JSON.stringify(document));
      }
      this.putCheckpoint.run(throughSeq);
    })();
    this.committed = throughSeq;
  }

  /** See `openSqliteRebuildWrite`. While it is open (a two-thread rebuild waits for its other half in between), `get` answers nothing, as the empty read models did before. */
  openRebuildWrite(): SqliteRebuildWrite {
    if (this.rebuildWrite) throw new Error('a rebuild is already being written');
    this.stopCheckpointer();
    const write = openSqliteRebuildWrite(this.db, (committed) => {
      this.rebuildWrite = undefined;
      if (committed !== undefined) this.committed = committed;
    });
    this.rebuildWrite = write;
    return write;
  }

  reset(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM documents');
      this.putCheckpoint.run(0);
    })();
    this.committed = 0;
  }

  close(): void {
    if (!this.db.open) return;
    this.stopCheckpointer();
    this.db.close();
  }

  private stopCheckpointer(): void {
    this.checkpoints?.stop();
    this.checkpoints = undefined;
  }
}
