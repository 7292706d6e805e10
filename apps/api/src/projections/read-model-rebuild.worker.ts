import { parentPort, workerData } from 'node:worker_threads';
import { projectedEvents } from '@stackledger/event-store';
import { API_PROJECTIONS, InMemoryDocuments, InMemoryRebuild } from '@stackledger/projections';

/** What the rebuild hands its second thread. */
export interface RebuildHalfJob {
  /** The SQLite event store file, opened read-only here. */
  file: string;
  throughSeq: number;
  /** The collections this thread folds (of `API_PROJECTIONS`); none of them reads metadata. */
  collections: string[];
  maxDocuments: number;
}

/** Its messages: serialised documents in chunks, then how it ended. */
export type RebuildHalfMessage = { kind: 'documents'; rows: string[] } | { kind: 'done'; documents: number } | { kind: 'too-large' };

/** `collection, key, body` triples per message: a few MB, so the other thread inserts while this one serialises. */
const CHUNK_DOCUMENTS = 10_000;

/**
 * One half of a two-thread rebuild (two-thread-rebuild.ts): folds its collections over seq
 * 1..throughSeq from its own read-only connection, then serialises the documents in creation
 * order and posts them. Stops early, posting `too-large`, once it holds more than it should.
 */
function rebuildHalf({ file, throughSeq, collections, maxDocuments }: RebuildHalfJob): void {
  const post = (message: RebuildHalfMessage) => parentPort!.postMessage(message);
  const rebuild = new InMemoryRebuild(
    new InMemoryDocuments(API_PROJECTIONS.filter((p) => collections.includes(p.collection))),
    maxDocuments,
  );
  for (const event of projectedEvents(file, throughSeq)) if (rebuild.fold(event)) return post({ kind: 'too-large' });
  let rows: string[] = [];
  let documents = 0;
  for (const [collection, key, doc] of rebuild.documents.documents()) {
    rows.push(collection, key, JSON.stringify(doc));
    if (++documents % CHUNK_DOCUMENTS === 0) {
      post({ kind: 'documents', rows });
      rows = [];
    }
  }
  if (rows.length > 0) post({ kind: 'documents', rows });
  post({ kind: 'done', documents });
}

rebuildHalf(workerData as RebuildHalfJob);
