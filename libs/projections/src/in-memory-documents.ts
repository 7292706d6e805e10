import { DocumentProjection, foldOwned, ProjectedEvent, upcastProjected } from './projection';

/**
 * Folds events into plain maps: the reference the persistent read models are checked against, and
 * what a replay uses to answer point-in-time questions. The maps own their documents, so projections
 * with an in-place `apply` update them in place: a document from `get` reflects later `apply` calls.
 */
export class InMemoryDocuments {
  private readonly collections = new Map<string, Map<string, unknown>>();
  /** Each projection's map, resolved once: `apply` runs per event and per projection. */
  private readonly mapOf: Map<string, unknown>[];
  lastSeq = 0;

  constructor(private readonly projections: readonly DocumentProjection<unknown>[]) {
    this.mapOf = projections.map((projection) => this.collectionOf(projection.collection));
  }

  apply(stored: ProjectedEvent): void {
    const event = upcastProjected(stored);
    for (let i = 0; i < this.projections.length; i++) {
      const projection = this.projections[i];
      const keys = projection.keysOf(event);
      if (keys.length === 0) continue;
      const docs = this.mapOf[i];
      for (const key of keys) {
        const next = foldOwned(projection, docs.get(key) ?? null, event);
        if (next === null) docs.delete(key);
        else docs.set(key, next);
      }
    }
    this.lastSeq = event.seq;
  }

  get<D>(collection: string, key: string): D | undefined {
    return this.collections.get(collection)?.get(key) as D | undefined;
  }

  entries(collection: string): [string, unknown][] {
    return [...this.collectionOf(collection).entries()];
  }

  /** Every document of every collection, without copying: for writing a whole fold out. */
  *documents(): IterableIterator<[collection: string, key: string, document: unknown]> {
    for (const [collection, docs] of this.collections) for (const [key, doc] of docs) yield [collection, key, doc];
  }

  /** How many documents are held, across collections. */
  get size(): number {
    let size = 0;
    for (const docs of this.collections.values()) size += docs.size;
    return size;
  }

  private collectionOf(name: string): Map<string, unknown> {
    let docs = this.collections.get(name);
    if (!docs) this.collections.set(name, (docs = new Map()));
    return docs;
  }
}
