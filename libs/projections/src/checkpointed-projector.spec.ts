import { InMemoryEventStore, StoredEvent } from '@stackledger/event-store';
import { ALL_PROJECTIONS } from './all-projections';
import { BulkRebuild, BulkRebuildOutcome, CheckpointedProjector, CheckpointedProjectorOptions } from './checkpointed-projector';
import { InMemoryDocuments } from './in-memory-documents';
import { InMemoryRebuild } from './in-memory-rebuild';
import { DocumentProjection } from './projection';
import { InMemoryDocumentSink } from './testing/in-memory-document-sink';
import { HistoryAppend, ledgerHistory } from './testing/ledger-history';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('CheckpointedProjector', () => {
  let store: InMemoryEventStore;
  let sink: InMemoryDocumentSink;
  let committed: number[];
  let failures: unknown[];
  let running: CheckpointedProjector[];

  const append = async (appends: HistoryAppend[]) => {
    for (const { stream, events } of appends) await store.append(stream, events, 'any');
  };
  const start = (options: CheckpointedProjectorOptions = {}, projections: readonly DocumentProjection<unknown>[] = ALL_PROJECTIONS) => {
    const projector = new CheckpointedProjector(
      store,
      sink,
      projections,
      { committed: (seq) => committed.push(seq), failed: (error) => failures.push(error) },
      options,
    );
    running.push(projector);
    projector.start();
    return projector;
  };
  const position = () => committed[committed.length - 1] ?? 0;
  /** What every stored document should be: the in-memory fold of the whole log. */
  const expectDocumentsOfTheLog = async () => {
    const docs = new InMemoryDocuments(ALL_PROJECTIONS);
    for (const event of await store.readAll(1, 1_000_000)) docs.apply(event);
    expect(new Map([...sink.documents].sort())).toEqual(
      new Map([...docs.documents()].map(([c, k, d]) => [`${c}/${k}`, JSON.stringify(d)] as [string, string]).sort()),
    );
    expect(sink.checkpoint()).toBe(docs.lastSeq);
  };

  beforeEach(() => {
    store = new InMemoryEventStore(500);
    sink = new InMemoryDocumentSink();
    committed = [];
    failures = [];
    running = [];
  });
  afterEach(async () => {
    for (const projector of running) await projector.stop();
    await store.close();
  });

  it('rebuilds empty documents up to the head in one write, then applies live events', async () => {
    const history = ledgerHistory(1500);
    await append(history.slice(0, 1200));
    start();
    await until(() => position() === 1200, 'the rebuild');
    expect(sink.writes).toEqual([{ kind: 'rebuild', throughSeq: 1200, documents: expect.any(Number) }]);
    await append(history.slice(1200));
    await until(() => position() === 1500, 'the live events');
    expect(sink.writes.slice(1).every((w) => w.kind === 'batch')).toBe(true);
    expect(failures).toEqual([]);
    await expectDocumentsOfTheLog();
  });

  it('commits a rebuild that holds too many documents, and goes on batch by batch', async () => {
    await append(ledgerHistory(3000));
    start({ rebuildMaxDocuments: 1000, batchSize: 500 });
    await until(() => position() === 3000, 'the catch-up');
    expect(sink.writes[0]).toMatchObject({ kind: 'rebuild', throughSeq: 1024 });
    expect(sink.writes.slice(1).map((w) => [w.kind, w.throughSeq])).toEqual([1524, 2024, 2524, 3000].map((seq) => ['batch', seq]));
    await expectDocumentsOfTheLog();
  });

  it('resumes from its checkpoint after a restart, without rebuilding', async () => {
    const history = ledgerHistory(1000);
    await append(history.slice(0, 600));
    const first = start();
    await until(() => position() === 600, 'the first catch-up');
    await first.stop();
    await append(history.slice(600));
    start();
    await until(() => position() === 1000, 'the resumed catch-up');
    expect(sink.writes.map((w) => w.kind)).toEqual(['rebuild', 'batch']);
    await expectDocumentsOfTheLog();
  });

  it('stops on an event a projection cannot fold, committing nothing of the rebuild', async () => {
    const throwing: DocumentProjection<unknown> = {
      collection: 'fragile',
      keysOf: (e) => (e.seq === 700 ? ['x'] : []),
      evolve: () => {
        throw new Error('cannot fold 700');
      },
    };
    await append(ledgerHistory(1000));
    start({}, [...ALL_PROJECTIONS, throwing]);
    await until(() => failures.length > 0, 'the failure');
    expect(String(failures)).toMatch(/cannot fold 700/);
    expect([sink.checkpoint(), sink.documents.size, committed]).toEqual([0, 0, []]);
  });

  it('drops the documents and projects the whole log again on request', async () => {
    await append(ledgerHistory(800));
    const projector = start();
    await until(() => position() === 800, 'the first rebuild');
    sink.documents.set('learner/stale', '{}');
    await projector.rebuild();
    await until(() => committed.length === 2, 'the second rebuild');
    expect(committed).toEqual([800, 800]);
    await expectDocumentsOfTheLog();
  });

  describe('with a bulk rebuild on offer', () => {
    /** A bulk rebuild that folds the log up to `throughSeq` in memory and writes it, or answers `outcome` without writing. */
    const bulk = (throughSeq: number, outcome: BulkRebuildOutcome): BulkRebuild & { cancelled: boolean } => ({
      throughSeq,
      cancelled: false,
      async run() {
        if (outcome !== 'committed') return outcome;
        const rebuild = new InMemoryRebuild(new InMemoryDocuments(ALL_PROJECTIONS), 2_000_000);
        (await store.readAll(1, throughSeq)).forEach((event: StoredEvent) => rebuild.fold(event));
        const write = sink.openRebuildWrite();
        write.insertDocuments(rebuild.documents.documents());
        write.commit(throughSeq);
        return 'committed';
      },
      async cancel() {
        this.cancelled = true;
      },
    });

    it("goes on from the bulk rebuild's head once it committed", async () => {
      const history = ledgerHistory(1000);
      await append(history.slice(0, 700));
      start({ bulkRebuild: async () => bulk(700, 'committed') });
      await until(() => position() === 700, 'the bulk rebuild');
      await append(history.slice(700));
      await until(() => position() === 1000, 'the live events');
      expect(sink.writes.map((w) => [w.kind, w.throughSeq])).toEqual([
        ['rebuild', 700],
        ...sink.writes.slice(1).map((w) => ['batch', w.throughSeq]),
      ]);
      await expectDocumentsOfTheLog();
    });

    it.each(['too-large', 'failed'] as const)('rebuilds on this thread when the bulk rebuild answers %s', async (outcome) => {
      await append(ledgerHistory(600));
      start({ bulkRebuild: async () => bulk(600, outcome) });
      await until(() => position() === 600, 'the rebuild');
      expect(sink.writes.map((w) => w.kind)).toEqual(['rebuild']);
      await expectDocumentsOfTheLog();
    });

    it('is asked for only over empty documents', async () => {
      await append(ledgerHistory(300));
      let asked = 0;
      const offer = async () => void asked++;
      const first = start({ bulkRebuild: offer });
      await until(() => position() === 300, 'the rebuild');
      await first.stop();
      start({ bulkRebuild: offer });
      expect(asked).toBe(1);
    });

    it('cancels a running bulk rebuild on stop, and projects nothing', async () => {
      await append(ledgerHistory(300));
      const never = bulk(300, 'committed');
      never.run = () => new Promise<BulkRebuildOutcome>(() => undefined);
      const projector = start({ bulkRebuild: async () => never });
      await new Promise((resolve) => setImmediate(resolve));
      await projector.stop();
      expect([never.cancelled, committed, sink.writes]).toEqual([true, [], []]);
    });
  });
});
