/**
 * Where a projection processor writes its documents: a store of JSON documents by collection and
 * key, with the checkpoint (the seq they include) moved in the same atomic write. Adapters: the
 * API's SQLite read models; a map in memory for unit tests.
 */
export interface DocumentSink {
  /** The seq the stored documents include; 0 when empty (documents only ever commit with a checkpoint past them). */
  checkpoint(): number;

  /** A stored document, the caller's own copy (it may change it), or undefined. */
  get<D>(collection: string, key: string): D | undefined;

  /**
   * Writes `changes` and moves the checkpoint to `throughSeq`, atomically: a crash never leaves
   * documents ahead of (or behind) the checkpoint. Preconditions: `throughSeq >= checkpoint()`.
   */
  apply(changes: Iterable<DocumentChange>, throughSeq: number): void;

  /**
   * Starts writing a rebuild of EMPTY documents in one go (see `RebuildWrite`); reads answer
   * nothing until it ends. Preconditions: `checkpoint()` is 0 and no other rebuild write is open.
   */
  openRebuildWrite(): RebuildWrite;

  /** Drops every document and sets the checkpoint to 0, so the next catch-up rebuilds from the first event. */
  reset(): void;
}

/** One document's new state; `document: null` deletes it. */
export interface DocumentChange {
  collection: string;
  key: string;
  document: unknown;
}

/** A rebuild's documents going in: nothing is visible, nor kept after a crash, until `commit`. */
export interface RebuildWrite {
  insertDocuments(documents: Iterable<[collection: string, key: string, document: unknown]>): void;
  /** Sets the checkpoint to `throughSeq` and commits everything inserted. */
  commit(throughSeq: number): void;
  /** Rolls everything back: the documents stay empty at checkpoint 0. */
  abort(): void;
}
