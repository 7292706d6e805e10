import type { DocumentChange, DocumentSink } from './document-sink.port';
import { DocumentProjection, foldOwned, ProjectedEvent, upcastProjected } from './projection';

/** Folds `events` into the sink's documents (see `foldBatch`) and writes them with the checkpoint in one write. */
export function applyBatch(
  sink: DocumentSink,
  projections: readonly DocumentProjection<unknown>[],
  events: readonly ProjectedEvent[],
): void {
  const { changes, throughSeq } = foldBatch(projections, events, sink.checkpoint(), (collection, key) => sink.get(collection, key));
  sink.apply(changes, throughSeq);
}

/**
 * Folds a batch of events, in seq order, into the documents they touch; events at or below
 * `checkpoint` are skipped, so redelivery is harmless, and a gap throws. Each document touched
 * several times in the batch (a learner's view) is read once (`current`, which must give the
 * caller's own copy) and changed once. Returns the changes and the seq they bring the documents to.
 */
export function foldBatch(
  projections: readonly DocumentProjection<unknown>[],
  events: readonly ProjectedEvent[],
  checkpoint: number,
  current: (collection: string, key: string) => unknown,
): { changes: Iterable<DocumentChange>; throughSeq: number } {
  let last = checkpoint;
  const touched = new Map<string, DocumentChange>();
  for (const stored of events) {
    if (stored.seq <= last) continue;
    if (stored.seq !== last + 1) throw new Error(`read models expected seq ${last + 1}, got ${stored.seq}`);
    const event = upcastProjected(stored);
    for (const projection of projections) {
      const { collection } = projection;
      for (const key of projection.keysOf(event)) {
        const id = `${collection}\u0000${key}`;
        const change = touched.get(id);
        if (change) change.document = foldOwned(projection, change.document, event);
        else {
          const document = projection.startsFresh?.(event) ? null : (current(collection, key) ?? null);
          // A document read here belongs to this batch alone, so projections may update it in place.
          touched.set(id, { collection, key, document: foldOwned(projection, document, event) });
        }
      }
    }
    last = stored.seq;
  }
  return { changes: touched.values(), throughSeq: last };
}
