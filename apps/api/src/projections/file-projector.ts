import { SqliteEventStore } from '@stackledger/event-store';
import { API_PROJECTIONS, CheckpointedProjector, DocumentProjection, ProjectorEvents } from '@stackledger/projections';
import type { ReadModelStoreOptions } from './read-model.store';
import { SqliteDocuments } from './sqlite-documents';
import { TwoThreadRebuild } from './two-thread-rebuild';

/** What the projector's thread is given: plain data, as a thread's start takes it. */
export interface FileProjectorJob {
  /** The SQLite event store file, opened here for reading only. */
  eventFile: string;
  /** The read models' file, written here only. */
  readModelFile: string;
  /** The collections of `API_PROJECTIONS` to project. */
  collections: string[];
  options: ReadModelStoreOptions;
}

export interface FileProjector {
  readonly projector: CheckpointedProjector;
  /** Another connection appended: the subscription reads now instead of at its next poll. */
  wake(): void;
  close(): Promise<void>;
}

/** The projections a job names, all known, in `API_PROJECTIONS` order. */
export function projectionsNamed(collections: readonly string[]): DocumentProjection<unknown>[] {
  const unknown = collections.filter((c) => !API_PROJECTIONS.some((p) => p.collection === c));
  if (unknown.length > 0) throw new Error(`no projection of collection ${unknown.join(', ')}`);
  return API_PROJECTIONS.filter((p) => collections.includes(p.collection));
}

/**
 * The projector over SQLite files, as its own thread runs it (projector.worker.ts): the processor
 * over a read-only connection to the event store and the only writing connection to the read
 * models; empty read models over a large enough log are rebuilt on two threads. Not started.
 */
export function openFileProjector(
  job: FileProjectorJob,
  events: ProjectorEvents,
  projections = projectionsNamed(job.collections),
): FileProjector {
  const { eventFile, readModelFile, options } = job;
  const store = SqliteEventStore.openForReading(eventFile);
  const documents = new SqliteDocuments(readModelFile);
  const maxDocuments = options.rebuildMaxDocuments ?? 2_000_000;
  const bulkRebuild = async () => {
    if (TwoThreadRebuild.secondThreadShare(projections).length === 0) return undefined;
    const head = await store.headSeq();
    return head >= (options.twoThreadRebuildFromEvents ?? 50_000)
      ? new TwoThreadRebuild(documents, projections, maxDocuments, eventFile, head)
      : undefined;
  };
  const projector = new CheckpointedProjector(store, documents, projections, events, { rebuildMaxDocuments: maxDocuments, bulkRebuild });
  return {
    projector,
    wake: () => store.wake(),
    close: async () => {
      await projector.stop();
      documents.close();
      await store.close();
    },
  };
}
