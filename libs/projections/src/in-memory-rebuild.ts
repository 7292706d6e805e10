import { getHeapStatistics } from 'node:v8';
import type { DocumentSink } from './document-sink.port';
import { InMemoryDocuments } from './in-memory-documents';
import { ProjectedEvent } from './projection';

/** The share of V8's heap limit a rebuild may fill before it commits, whatever its document count. */
const HEAP_SHARE = 0.5;

/**
 * A rebuild of empty documents: every event is folded in memory (projections update their own
 * documents in place) and nothing is written until `writeRebuild` puts each final document once,
 * with the checkpoint, in one write. A crash before that commit leaves the documents empty at
 * checkpoint 0, so the next start simply rebuilds again.
 */
export class InMemoryRebuild {
  private full = false;

  constructor(
    readonly documents: InMemoryDocuments,
    /** Documents held before the rebuild should be written out and finished batch by batch. */
    private readonly maxDocuments: number,
  ) {}

  get lastSeq(): number {
    return this.documents.lastSeq;
  }

  /** Folds one event; true once the fold holds enough documents that it should be committed now. */
  fold(event: ProjectedEvent): boolean {
    const expected = this.documents.lastSeq + 1;
    if (event.seq < expected) return this.full;
    if (event.seq !== expected) throw new Error(`read models expected seq ${expected}, got ${event.seq}`);
    this.documents.apply(event);
    // Measuring costs about a microsecond: once per thousand events is plenty.
    if (event.seq % 1024 === 0) this.full = this.documents.size >= this.maxDocuments || heapFilled();
    return this.full;
  }
}

/** Writes a rebuild's documents and its checkpoint in one rebuild write (nothing when it folded nothing). */
export function writeRebuild(sink: DocumentSink, rebuild: InMemoryRebuild): void {
  if (rebuild.lastSeq === 0) return;
  const write = sink.openRebuildWrite();
  try {
    write.insertDocuments(rebuild.documents.documents());
  } catch (error) {
    write.abort();
    throw error;
  }
  write.commit(rebuild.lastSeq);
}

function heapFilled(): boolean {
  const heap = getHeapStatistics();
  return heap.used_heap_size > HEAP_SHARE * heap.heap_size_limit;
}
