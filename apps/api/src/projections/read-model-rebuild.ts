import { getHeapStatistics } from 'node:v8';
import { InMemoryDocuments, ProjectedEvent } from '@stackledger/projections';

/** The share of V8's heap limit a rebuild may fill before it commits, whatever its document count. */
const HEAP_SHARE = 0.5;

/**
 * A rebuild of empty read models: every event is folded in memory (projections update their own
 * documents in place) and nothing touches SQLite until `ReadModelStore.commitRebuild` writes each
 * final document once, with the checkpoint, in one transaction. A crash before that commit leaves
 * the read models empty at checkpoint 0, so the next start simply rebuilds again.
 */
export class ReadModelRebuild {
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

function heapFilled(): boolean {
  const heap = getHeapStatistics();
  return heap.used_heap_size > HEAP_SHARE * heap.heap_size_limit;
}
