import { upcast } from '@stackledger/domain';

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

/** Projections fold current event shapes only: older stored versions are upcast first. */
export function upcastProjected<E extends ProjectedEvent>(event: E): E {
  const current = upcast(event.type, event.data);
  return current.type === event.type && current.data === event.data ? event : { ...event, ...current };
}
