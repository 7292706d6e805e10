/** The part of a stored event that projections read. */
export interface ProjectedEvent {
  seq: number;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
}

/**
 * A document projection: each event names the documents it touches, and a pure `evolve` folds the
 * event into each of them. Storage (SQLite tables, memory) is the adapter's business.
 */
export interface DocumentProjection<D> {
  collection: string;
  keysOf(event: ProjectedEvent): string[];
  evolve(document: D | null, event: ProjectedEvent): D | null;
}
