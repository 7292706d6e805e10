import type { DocumentProjection, DocumentSink } from '@stackledger/projections';
import { SqliteDocuments } from './sqlite-documents';

export interface ReadModelStoreOptions {
  /** See `CheckpointedProjectorOptions.rebuildMaxDocuments`. */
  rebuildMaxDocuments?: number;
  /**
   * From this many events, a rebuild of empty read models from a SQLite file runs on two threads
   * (two-thread-rebuild.ts); below it, starting the second thread costs more than it saves.
   * Default 50,000.
   */
  twoThreadRebuildFromEvents?: number;
}

/**
 * This instance's read models as the API's thread sees them: its reads, the checkpoint they are
 * known to include, and the hand-over of the file to the projector's own thread. When the projector
 * runs on that thread, this connection only reads: it is closed while the thread rebuilds
 * (`suspend`), and learns of each commit from the thread (`adoptCheckpoint`). When the projector
 * runs in this thread, it writes through `sink`, this same connection.
 */
export class ReadModelStore {
  /** Undefined while suspended: reads then answer nothing, as the empty read models would. */
  private documents?: SqliteDocuments;
  /** The committed checkpoint, read on every request. */
  private position: number;

  constructor(
    /** The file behind these read models (`:memory:` for a private one). */
    readonly path: string,
    readonly projections: readonly DocumentProjection<unknown>[],
    /** How the projector rebuilds them, wherever it runs. */
    readonly options: ReadModelStoreOptions = {},
  ) {
    this.documents = new SqliteDocuments(path);
    this.position = this.documents.checkpoint();
  }

  /** The file, which another thread can open; undefined for a private `:memory:` one. */
  get file(): string | undefined {
    return this.path === ':memory:' ? undefined : this.path;
  }

  /** The documents, for a projector running in this thread. */
  get sink(): DocumentSink {
    if (!this.documents) throw new Error('the read models are handed over to the projector thread');
    return this.documents;
  }

  checkpoint(): number {
    return this.position;
  }

  /** A checkpoint the projector committed: this connection's next reads see at least what it covers. */
  adoptCheckpoint(seq: number): void {
    this.position = seq;
  }

  /** The checkpoint as the file holds it now, whoever committed it. */
  checkpointInFile(): number {
    return this.documents ? this.documents.checkpointInFile() : this.position;
  }

  get<D>(collection: string, key: string): D | undefined {
    return this.documents?.get<D>(collection, key);
  }

  /**
   * Closes this connection while another (the projector's thread) rebuilds the file: an open
   * connection keeps it in WAL mode, where the rebuild writes every page twice.
   */
  suspend(): void {
    if (!this.documents || this.file === undefined) return;
    this.documents.close();
    this.documents = undefined;
  }

  resume(): void {
    this.documents ??= new SqliteDocuments(this.path);
  }

  close(): void {
    this.documents?.close();
  }
}
