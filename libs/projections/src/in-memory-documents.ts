import { DocumentProjection, foldOwned, ProjectedEvent, upcastProjected } from './projection';

/**
 * Folds events into plain maps: the reference the persistent read models are checked against, and
 * what a replay uses to answer point-in-time questions. The maps own their documents, so projections
 * with an in-place `apply` update them in place: a document from `get` reflects later `apply` calls.
 */
export class InMemoryDocuments {
  private readonly collections = new Map<string, Map<string, unknown>>();
  lastSeq = 0;

  constructor(private readonly projections: readonly DocumentProjection<unknown>[]) {}

  apply(stored: ProjectedEvent): void {
    const event = upcastProjected(stored);
    for (const projection of this.projections) {
      const docs = this.collectionOf(projection.collection);
      for (const key of projection.keysOf(event)) {
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

  private collectionOf(name: string): Map<string, unknown> {
    let docs = this.collections.get(name);
    if (!docs) this.collections.set(name, (docs = new Map()));
    return docs;
  }
}
