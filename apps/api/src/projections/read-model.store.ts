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
  private readonly getCheckpoint: Database.Statement<[], { seq: number }>;

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
    this.getCheckpoint = this.db.prepare('SELECT seq FROM checkpoint WHERE id = 1');
  }

  checkpoint(): number {
    return this.getCheckpoint.get()!.seq;
  }

  get<D>(collection: string, key: string): D | undefined {
    const row = this.getDoc.get(collection, key);
    return row ? (JSON.parse(row.body) as D) : undefined;
  }

  /**
   * Applies events in seq order in ONE transaction; events at or below the checkpoint are skipped, so
   * redelivery is harmless. Documents touched several times in the batch (a learner's view) are
   * parsed once and written once, at the end.
   */
  apply(events: readonly ProjectedEvent[]): void {
    this.db.transaction(() => {
      let last = this.checkpoint();
      const touched = new Map<string, { collection: string; key: string; doc: unknown }>();
      for (const event of events) {
        if (event.seq <= last) continue;
        if (event.seq !== last + 1) throw new Error(`read models expected seq ${last + 1}, got ${event.seq}`);
        this.applyOne(event, touched);
        last = event.seq;
      }
      for (const { collection, key, doc } of touched.values()) {
        if (doc === null) this.deleteDoc.run(collection, key);
        else this.putDoc.run(collection, key, JSON.stringify(doc));
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

  private applyOne(stored: ProjectedEvent, touched: Map<string, { collection: string; key: string; doc: unknown }>): void {
    const event = upcastProjected(stored);
    for (const projection of this.projections) {
      const { collection } = projection;
      for (const key of projection.keysOf(event)) {
        const id = `${collection}\u0000${key}`;
        const current = touched.has(id) ? touched.get(id)!.doc : (this.get(collection, key) ?? null);
        touched.set(id, { collection, key, doc: projection.evolve(current, event) });
      }
    }
  }
}
