import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { OffThreadCheckpoints } from '@stackledger/event-store';
import { DocumentProjection, foldOwned, InMemoryDocuments, ProjectedEvent, upcastProjected } from '@stackledger/projections';
import { ReadModelRebuild } from './read-model-rebuild';

const SCHEMA_VERSION = 3;

export interface ReadModelStoreOptions {
  /**
   * Documents a rebuild of empty read models may hold in memory (about 1 KiB of heap each) before it
   * is committed and the rest is applied batch by batch: a 1 M-event ledger makes about 1.2 M.
   */
  rebuildMaxDocuments?: number;
  /**
   * From this many events, a rebuild of empty read models from a SQLite file runs on two threads
   * (two-thread-rebuild.ts); below it, starting the second thread costs more than it saves.
   * Default 50,000.
   */
  twoThreadRebuildFromEvents?: number;
  /**
   * Whether the projector may apply events on a thread of its own (projector-thread.ts), writing
   * through its own connection while this one only reads. The API sets it; default false.
   */
  projectorThread?: boolean;
}
/** A rebuild's documents going into the read models: see `ReadModelStore.openRebuildWrite`. */
export interface RebuildWrite {
  insertDocuments(documents: Iterable<[collection: string, key: string, document: unknown]>): void;
  /** Documents already serialised (by another thread): `collection, key, body` triples, flat. */
  insertSerialized(rows: readonly string[]): void;
  /** Builds the key index, sets the checkpoint to `lastSeq` and commits. */
  commit(lastSeq: number): void;
  /** Rolls everything back: the read models stay empty at checkpoint 0. */
  abort(): void;
}

const KEY_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS documents_by_key ON documents (collection, key)';

/**
 * This instance's read models: JSON documents per collection plus the checkpoint, written in one
 * transaction per batch so a crash can never leave documents ahead of (or behind) the checkpoint.
 */
export class ReadModelStore {
  private db!: Database.Database;
  private getDoc!: Database.Statement<[string, string], { body: string }>;
  private putDoc!: Database.Statement<[string, string, string]>;
  private deleteDoc!: Database.Statement<[string, string]>;
  private putCheckpoint!: Database.Statement<[number]>;
  private getCheckpoint!: Database.Statement<[], { seq: number }>;
  /** Closed while the projector's thread rebuilds (`suspend`): reads then answer nothing. */
  private suspended = false;
  /**
   * The committed checkpoint, read on every request: this connection is the file's only writer, or
   * the projector's thread tells it of each commit (`adoptCheckpoint`).
   */
  private committed!: number;
  /** Started with the first batch, once a rebuild (which needs the file to itself) is done. */
  private checkpoints?: OffThreadCheckpoints;

  /** Documents a rebuild may hold in memory before it must be committed (per thread). */
  readonly rebuildMaxDocuments: number;
  readonly twoThreadRebuildFromEvents: number;
  readonly projectorThread: boolean;
  /** The rebuild being written, while its transaction is open. */
  private rebuildWrite?: RebuildWrite;

  constructor(
    /** The file behind these read models (`:memory:` for a private one). */
    readonly path: string,
    readonly projections: readonly DocumentProjection<unknown>[],
    options: ReadModelStoreOptions = {},
  ) {
    this.rebuildMaxDocuments = options.rebuildMaxDocuments ?? 2_000_000;
    this.twoThreadRebuildFromEvents = options.twoThreadRebuildFromEvents ?? 50_000;
    this.projectorThread = options.projectorThread ?? false;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.connect();
  }

  checkpoint(): number {
    return this.committed;
  }

  /**
   * Closes this connection while another (the projector's thread) rebuilds the file: an open
   * connection keeps it in WAL mode, where the rebuild writes every page twice. Reads answer
   * nothing until `resume`, as the empty read models would.
   */
  suspend(): void {
    if (this.suspended || this.path === ':memory:') return;
    this.stopCheckpointer();
    this.db.close();
    this.suspended = true;
  }

  resume(): void {
    if (!this.suspended) return;
    this.connect();
    this.suspended = false;
  }

  /** The options another connection to the same file needs to behave as this one. */
  get options(): ReadModelStoreOptions {
    return { rebuildMaxDocuments: this.rebuildMaxDocuments, twoThreadRebuildFromEvents: this.twoThreadRebuildFromEvents };
  }

  /**
   * A checkpoint committed by the projector's thread through its own connection: this connection's
   * next reads see at least what it covers.
   */
  adoptCheckpoint(seq: number): void {
    this.committed = seq;
  }

  /** The checkpoint as the file holds it now, whoever committed it. */
  checkpointInFile(): number {
    if (this.suspended) return this.committed;
    return this.getCheckpoint.get()!.seq;
  }

  get<D>(collection: string, key: string): D | undefined {
    if (this.rebuildWrite || this.suspended) return undefined;
    const row = this.getDoc.get(collection, key);
    return row ? (JSON.parse(row.body) as D) : undefined;
  }

  /**
   * Applies events in seq order in ONE transaction; events at or below the checkpoint are skipped, so
   * redelivery is harmless. Documents touched several times in the batch (a learner's view) are
   * parsed once and written once, at the end.
   */
  apply(events: readonly ProjectedEvent[]): void {
    if (!this.checkpoints && this.path !== ':memory:') this.startCheckpointer();
    this.committed = this.db.transaction(() => {
      let last = this.committed;
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
      return last;
    })();
  }

  /**
   * A rebuild when the read models are empty (checkpoint 0: documents are only ever committed with a
   * checkpoint past them), else undefined: a resumed catch-up applies batches to what is stored.
   */
  startRebuild(): ReadModelRebuild | undefined {
    return this.checkpoint() === 0 ? new ReadModelRebuild(new InMemoryDocuments(this.projections), this.rebuildMaxDocuments) : undefined;
  }

  /**
   * Writes a rebuild's documents and its checkpoint in one transaction (see `openRebuildWrite`).
   */
  commitRebuild(rebuild: ReadModelRebuild): void {
    if (rebuild.lastSeq === 0) return;
    const write = this.openRebuildWrite();
    try {
      write.insertDocuments(rebuild.documents.documents());
    } catch (error) {
      write.abort();
      throw error;
    }
    write.commit(rebuild.lastSeq);
  }

  /**
   * Starts writing a rebuild of empty read models: ONE transaction, committed with the checkpoint, so
   * a crash before `commit` leaves checkpoint 0 and the next start rebuilds. Plain INSERTs into the
   * bare table, the key index built once at the end (a sort, where inserting 1 M random keys into the
   * index splits its pages all along), under a rollback journal, which does not copy pages appended
   * to the file, where WAL would write every page twice. While it is open (a two-thread rebuild waits
   * for its other half in between), `get` answers nothing, as the empty read models did before.
   */
  openRebuildWrite(): RebuildWrite {
    if (this.rebuildWrite) throw new Error('a rebuild is already being written');
    this.stopCheckpointer();
    const journal = this.db.pragma('journal_mode', { simple: true });
    // Another connection to the file (the API's reads, when the projector has a thread) keeps it
    // in WAL mode, which is only slower.
    const left = journal === 'wal' && this.leaveWal();
    const restoreJournal = () => {
      if (left) this.db.pragma('journal_mode = WAL');
    };
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      restoreJournal();
      throw error;
    }
    const end = (sql: string) => {
      this.rebuildWrite = undefined;
      try {
        if (this.db.inTransaction) this.db.exec(sql);
      } finally {
        restoreJournal();
      }
    };
    const insert = this.db.prepare<[string, string, string]>('INSERT INTO documents (collection, key, body) VALUES (?, ?, ?)');
    const write: RebuildWrite = {
      insertDocuments(documents) {
        for (const [collection, key, doc] of documents) insert.run(collection, key, JSON.stringify(doc));
      },
      insertSerialized(rows) {
        for (let i = 0; i < rows.length; i += 3) insert.run(rows[i], rows[i + 1], rows[i + 2]);
      },
      commit: (lastSeq) => {
        try {
          this.db.exec(KEY_INDEX);
          this.putCheckpoint.run(lastSeq);
        } catch (error) {
          end('ROLLBACK');
          throw error;
        }
        end('COMMIT');
        this.committed = lastSeq;
      },
      abort: () => end('ROLLBACK'),
    };
    try {
      if (this.getCheckpoint.get()!.seq !== 0) throw new Error('read models were written to during their rebuild');
      this.db.exec('DROP INDEX IF EXISTS documents_by_key; DELETE FROM documents;');
    } catch (error) {
      end('ROLLBACK');
      throw error;
    }
    this.rebuildWrite = write;
    return write;
  }

  /** True when the file left WAL mode (SQLite refuses while another connection has it open). */
  private leaveWal(): boolean {
    try {
      return this.db.pragma('journal_mode = DELETE', { simple: true }) !== 'wal';
    } catch {
      return false;
    }
  }

  /** Forgets everything, so the next catch-up rebuilds from the first event. */
  reset(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM documents');
      this.putCheckpoint.run(0);
    })();
    this.committed = 0;
  }

  close(): void {
    if (this.suspended || !this.db.open) return;
    this.stopCheckpointer();
    this.db.close();
  }

  private connect(): void {
    this.db = new Database(this.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Catch-up reads and replaces documents at random keys: a 64 MiB page cache (default 2 MiB)
    // keeps the key index in memory instead of re-reading it from the file on every lookup.
    this.db.pragma('cache_size = -65536');
    // A rebuild that could not leave WAL mode grows the WAL to the size of the read models: cut it back.
    this.db.pragma('journal_size_limit = 67108864');
    this.createSchema();
    this.getDoc = this.db.prepare('SELECT body FROM documents WHERE collection = ? AND key = ?');
    this.putDoc = this.db.prepare('INSERT INTO documents (collection, key, body) VALUES (?, ?, ?) ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body');
    this.deleteDoc = this.db.prepare('DELETE FROM documents WHERE collection = ? AND key = ?');
    this.putCheckpoint = this.db.prepare('UPDATE checkpoint SET seq = ? WHERE id = 1');
    this.getCheckpoint = this.db.prepare('SELECT seq FROM checkpoint WHERE id = 1');
    this.committed = this.getCheckpoint.get()!.seq;
  }

  private startCheckpointer(): void {
    this.checkpoints = new OffThreadCheckpoints(this.db, this.path);
  }

  private stopCheckpointer(): void {
    this.checkpoints?.stop();
    this.checkpoints = undefined;
  }

  /**
   * Schema 2 keeps bodies in a rowid table (appended in order) with a separate (collection, key)
   * index: the WITHOUT ROWID table of schema 1 stored kilobyte bodies inside the randomly keyed
   * B-tree, and catch-up spent most of its time splitting its pages. Schema 3 adds the issuers'
   * current keys (`issuer-auth`, from event metadata) without which no issuer could authenticate.
   * Read models are disposable, so an older file is simply rebuilt from the first event.
   */
  private createSchema(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    this.db.transaction(() => {
      if (version < SCHEMA_VERSION) this.db.exec('DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS checkpoint;');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL);
        ${KEY_INDEX};
        CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
        INSERT OR IGNORE INTO checkpoint (id, seq) VALUES (1, 0);`);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

  private applyOne(stored: ProjectedEvent, touched: Map<string, { collection: string; key: string; doc: unknown }>): void {
    const event = upcastProjected(stored);
    for (const projection of this.projections) {
      const { collection } = projection;
      for (const key of projection.keysOf(event)) {
        const id = `${collection}\u0000${key}`;
        const entry = touched.get(id);
        if (entry) entry.doc = foldOwned(projection, entry.doc, event);
        else {
          const current = projection.startsFresh?.(event) ? null : (this.get(collection, key) ?? null);
          // A document parsed here belongs to this batch alone, so projections may update it in place.
          touched.set(id, { collection, key, doc: foldOwned(projection, current, event) });
        }
      }
    }
  }
}
