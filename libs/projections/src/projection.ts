import { upcast } from '@stackledger/domain';

/** The part of a stored event that projections read. */
export interface ProjectedEvent {
  seq: number;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
  /**
   * The event's metadata, where the feed carries it: a projection that reads it names the event
   * types it needs it for (`metadataOf`), and feeds that otherwise leave metadata out include it
   * for those.
   */
  metadata?: { readonly apiKeyHash?: unknown };
}

/**
 * A document projection: each event names the documents it touches, and a pure `evolve` folds the
 * event into each of them. Storage (SQLite tables, memory) is the adapter's business.
 */
export interface DocumentProjection<D> {
  collection: string;
  keysOf(event: ProjectedEvent): string[];
  evolve(document: D | null, event: ProjectedEvent): D | null;
  /**
   * Optional in-place fast path for folds that own their documents (in-memory replays, a read-model
   * batch over freshly parsed documents): mutates `document` and returns it (or a new document when
   * `document` is null; null deletes). It MUST give exactly what `evolve` gives, key order included
   * (`evolve` is the reference; the projections' specs compare both), and MUST NOT mutate the
   * event's data, which the document may share.
   */
  apply?(document: D | null, event: ProjectedEvent): D | null;
  /**
   * Optional: true when `evolve` builds the document from `event` alone, whatever it is given, so a
   * store may skip reading the current one (a lookup at a random key, per issuance). MUST only say
   * true where `evolve(any, event)` equals `evolve(null, event)`.
   */
  startsFresh?(event: ProjectedEvent): boolean;
  /**
   * Optional: the stored event types whose `metadata` this projection reads. Feeds that read rows
   * without metadata (a rebuild from the SQLite file) must carry it for these types.
   */
  metadataOf?: readonly string[];
}

/** Folds one event into a document the caller owns: `apply` when the projection has one, else `evolve`. */
export function foldOwned<D>(projection: DocumentProjection<D>, document: D | null, event: ProjectedEvent): D | null {
  return projection.apply ? projection.apply(document, event) : projection.evolve(document, event);
}

/** Projections fold current event shapes only: older stored versions are upcast first. */
export function upcastProjected<E extends ProjectedEvent>(event: E): E {
  const current = upcast(event.type, event.data);
  return current.type === event.type && current.data === event.data ? event : { ...event, ...current };
}
