import Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@stackledger/event-store';
import { API_PROJECTIONS, DocumentProjection, InMemoryDocuments } from '@stackledger/projections';
import { ProjectorService } from './projector.service';
import { ReadModelStore } from './read-model.store';
import { TwoThreadRebuild } from './two-thread-rebuild';
import { HistoryAppend, ledgerHistory } from './testing/ledger-history';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ProjectorService over SQLite files', () => {
  let dir: string;
  let store: SqliteEventStore;
  let running: { projector: ProjectorService; readModels: ReadModelStore }[] = [];

  const append = async (appends: HistoryAppend[]) => {
    for (const { stream, events } of appends) await store.append(stream, events, 'any');
  };
  const start = (options: { rebuildMaxDocuments?: number; twoThreadRebuildFromEvents?: number; projectorThread?: boolean; projections?: readonly DocumentProjection<unknown>[] } = {}) => {
    const readModels = new ReadModelStore(join(dir, 'read-models.sqlite'), options.projections ?? API_PROJECTIONS, options);
    const projector = new ProjectorService(store, readModels);
    const started = projector.onModuleInit();
    running.push({ projector, readModels });
    return { projector, readModels, started };
  };
  const stopAll = async () => {
    for (const { projector, readModels } of running) {
      await projector.stop();
      readModels.close();
    }
    running = [];
  };
  /** What every stored document should be: the in-memory fold of the whole log. */
  const expectDocumentsOfTheLog = async () => {
    const docs = new InMemoryDocuments(API_PROJECTIONS);
    for (const event of await store.readAll(1, 1_000_000)) docs.apply(event);
    // The issuers' keys come from metadata (iss-b) and, for the v1 shape, from data (iss-a).
    expect([docs.get('issuer-auth', 'iss-a'), docs.get('issuer-auth', 'iss-b')]).toMatchObject([{ apiKeyHash: 'hash-iss-a' }, { apiKeyHash: 'hash-iss-b-2' }]);
    const db = new Database(join(dir, 'read-models.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT collection, key, body FROM documents ORDER BY collection, key').all() as { collection: string; key: string; body: string }[];
    db.close();
    const expected = [...docs.documents()].map(([collection, key, doc]) => ({ collection, key, body: JSON.stringify(doc) }));
    expect(rows).toEqual(expected.sort((a, b) => (a.collection + '\u0000' + a.key < b.collection + '\u0000' + b.key ? -1 : 1)));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    store = SqliteEventStore.open(join(dir, 'ledger.sqlite'));
  });
  afterEach(async () => {
    await stopAll();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds empty read models up to the head in one commit, then applies live events', async () => {
    const history = ledgerHistory(1500);
    await append(history.slice(0, 1200));
    const { projector } = start();
    await until(() => projector.position() === 1200, 'the rebuild');
    await append(history.slice(1200));
    await projector.waitFor(1500, 5000);
    expect(projector.healthy()).toBe(true);
    await expectDocumentsOfTheLog();
  });

  it('commits a rebuild that holds too many documents, and goes on batch by batch', async () => {
    await append(ledgerHistory(3000));
    const { projector, readModels } = start({ rebuildMaxDocuments: 1000 });
    const committed = jest.spyOn(readModels, 'commitRebuild');
    const applied = jest.spyOn(readModels, 'apply');
    await until(() => projector.position() === 3000, 'the catch-up');
    expect(projector.healthy()).toBe(true);
    expect(committed.mock.calls.map(([rebuild]) => rebuild.lastSeq)).toEqual([1024]);
    expect(applied.mock.calls[0][0][0].seq).toBe(1025);
    await expectDocumentsOfTheLog();
  });

  it('resumes from its checkpoint after a restart, without rebuilding', async () => {
    const history = ledgerHistory(1000);
    await append(history.slice(0, 600));
    const first = start();
    await until(() => first.projector.position() === 600, 'the first catch-up');
    await stopAll();
    await append(history.slice(600));
    const second = start();
    await until(() => second.projector.position() === 1000, 'the resumed catch-up');
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
    const { projector, readModels } = start({ projections: [...API_PROJECTIONS, throwing] });
    await until(() => !projector.healthy(), 'the failure');
    await projector.stop();
    expect(readModels.checkpoint()).toBe(0);
    expect(readModels.get('learner', 'L-1')).toBeUndefined();
  });

  describe('rebuilding empty read models on two threads', () => {
    const outcomes = () => {
      const run = jest.spyOn(TwoThreadRebuild.prototype, 'run');
      return async () => Promise.all(run.mock.results.map((r) => r.value as Promise<string>));
    };
    afterEach(() => jest.restoreAllMocks());

    it('writes what one thread would, in one commit at the head, then applies live events', async () => {
      const history = ledgerHistory(1500);
      await append(history.slice(0, 1200));
      const ran = outcomes();
      const { projector, readModels } = start({ twoThreadRebuildFromEvents: 1000 });
      const applied = jest.spyOn(readModels, 'apply');
      // Appended while the worker folds: the subscription takes them from the rebuilt head.
      await append(history.slice(1200));
      await projector.waitFor(1500, 10_000);
      expect(await ran()).toEqual(['committed']);
      expect(applied.mock.calls[0][0][0].seq).toBe(1201);
      expect(projector.healthy()).toBe(true);
      await expectDocumentsOfTheLog();
    });

    it('stays on one thread below the threshold', async () => {
      await append(ledgerHistory(300));
      const ran = outcomes();
      const { projector } = start({ twoThreadRebuildFromEvents: 301 });
      await until(() => projector.position() === 300, 'the rebuild');
      expect(await ran()).toEqual([]);
      await expectDocumentsOfTheLog();
    });

    it('falls back to one thread, batch by batch, when a half holds too many documents', async () => {
      await append(ledgerHistory(3000));
      const ran = outcomes();
      const { projector, readModels } = start({ twoThreadRebuildFromEvents: 1, rebuildMaxDocuments: 1000 });
      const committed = jest.spyOn(readModels, 'commitRebuild');
      await until(() => projector.position() === 3000, 'the catch-up');
      expect(await ran()).toEqual(['too-large']);
      expect(committed.mock.calls.map(([rebuild]) => rebuild.lastSeq)).toEqual([1024]);
      await expectDocumentsOfTheLog();
    });

    it('rolls back when stopped before the commit: empty at checkpoint 0, and the next start rebuilds', async () => {
      await append(ledgerHistory(1000));
      const ran = outcomes();
      const first = start({ twoThreadRebuildFromEvents: 1 });
      // This thread's half is folded and written by now; the transaction waits for the worker's.
      expect(first.readModels.get('learner', 'L-1')).toBeUndefined();
      await stopAll();
      expect(await ran()).toEqual(['cancelled']);
      const db = new Database(join(dir, 'read-models.sqlite'), { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT seq FROM checkpoint').get()).toEqual({ seq: 0 });
      db.close();
      const second = start({ twoThreadRebuildFromEvents: 1 });
      await until(() => second.projector.position() === 1000, 'the second rebuild');
      await expectDocumentsOfTheLog();
    });
  });

  describe('on a thread of its own', () => {
    it('starts once caught up, follows live appends, and this thread reads what it wrote', async () => {
      const history = ledgerHistory(1500);
      await append(history.slice(0, 1200));
      const { projector, readModels, started } = start({ projectorThread: true });
      const applied = jest.spyOn(readModels, 'apply');
      await started;
      expect(projector.position()).toBe(1200);
      await append(history.slice(1200));
      await projector.waitFor(1500, 10_000);
      expect(projector.healthy()).toBe(true);
      // Applied over there: this thread's store only reads.
      expect(applied).not.toHaveBeenCalled();
      const learner = history.map((a) => a.stream).filter((st) => st.startsWith('learner-')).pop()!.slice('learner-'.length);
      expect(readModels.get('learner', learner)).toMatchObject({ learnerId: learner });
      await expectDocumentsOfTheLog();
    });

    it('rebuilds from the first event on request', async () => {
      await append(ledgerHistory(800));
      const { projector, started } = start({ projectorThread: true });
      await started;
      await projector.rebuild();
      await projector.waitFor(800, 10_000);
      expect(projector.healthy()).toBe(true);
      await expectDocumentsOfTheLog();
    });

    it('reports a failure once: the start resolves, unhealthy, and stop still answers', async () => {
      await append(ledgerHistory(300));
      // No projection can fold an issuance without its credential: the thread's rebuild fails.
      const broken = { id: randomUUID(), type: 'CredentialIssued', data: {}, metadata: { actor: 'test' }, recordedAt: new Date().toISOString() };
      await store.append('learner-broken', [broken], 'no-stream');
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const { projector, started } = start({ projectorThread: true });
      await started;
      expect([projector.healthy(), projector.position()]).toEqual([false, 0]);
      const stopping = Date.now();
      await stopAll();
      expect(Date.now() - stopping).toBeLessThan(5_000); // answered, not the 10 s timeout
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0][0]).toMatch(/^projection stopped: /);
      logged.mockRestore();
    });

    it('resumes from its checkpoint after a restart', async () => {
      const history = ledgerHistory(1000);
      await append(history.slice(0, 600));
      await start({ projectorThread: true }).started;
      await stopAll();
      await append(history.slice(600));
      const second = start({ projectorThread: true });
      await second.started;
      expect(second.projector.position()).toBe(1000);
      await expectDocumentsOfTheLog();
    });
  });
});
