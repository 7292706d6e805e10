import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DocumentProjection, ProjectedEvent, upcastProjected } from '@stackledger/projections';

/**
 * This instance's read models: JSON documents per collection plus the checkpoint, written in one
 * transaction per batch so a crash can never leave documents ahead of (or behind) the checkpoint.
 */
export class ReadModelStore {
  private readonly db: Database.Database;
  private readonly getDoc: Database.Statement<[string, string], { body: string }>;
  private readonly putDoc: Database.Statement<[string, string, string]>;
  private readonly deleteDoc: Database.Statement<[string, string]>;
  private readonly putCheckpoint: Database.Statement<[number]>;

  constructor(
    path: string,
    private readonly projections: readonly DocumentProjection<unknown>[],
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (collection, key)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
      INSERT OR IGNORE INTO checkpoint (id, seq) VALUES (1, 0);`);
    this.getDoc = this.db.prepare('SELECT body FROM documents WHERE collection = ? AND key = ?');
    this.putDoc = this.db.prepare('INSERT OR REPLACE INTO documents (collection, key, body) VALUES (?, ?, ?)');
    this.deleteDoc = this.db.prepare('DELETE FROM documents WHERE collection = ? AND key = ?');
    this.putCheckpoint = this.db.prepare('UPDATE checkpoint SET seq = ? WHERE id = 1');
  }

  checkpoint(): number {
    return (this.db.prepare('SELECT seq FROM checkpoint WHERE id = 1').get() as { seq: number }).seq;
  }

  get<D>(collection: string, key: string): D | undefined {
    const row = this.getDoc.get(collection, key);
    return row ? (JSON.parse(row.body) as D) : undefined;
  }

  /** Applies events in seq order; events at or below the checkpoint are skipped, so redelivery is harmless. */
  apply(events: ProjectedEvent[]): void {
    this.db.transaction(() => {
      let last = this.checkpoint();
      for (const event of events) {
        if (event.seq <= last) continue;
        if (event.seq !== last + 1) throw new Error(`read models expected seq ${last + 1}, got ${event.seq}`);
        this.applyOne(event);
        last = event.seq;
      }
      this.putCheckpoint.run(last);
    })();
  }

  /** Forgets everything, so the next catch-up rebuilds from the first event. */
  reset(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM documents');
      this.putCheckpoint.run(0);
    })();
  }

  close(): void {
    this.db.close();
  }

  private applyOne(stored: ProjectedEvent): void {
    const event = upcastProjected(stored);
    for (const projection of this.projections) {
      for (const key of projection.keysOf(event)) {
        const next = projection.evolve(this.get(projection.collection, key) ?? null, event);
        if (next === null) this.deleteDoc.run(projection.collection, key);
        else this.putDoc.run(projection.collection, key, JSON.stringify(next));
      }
    }
  }
}
