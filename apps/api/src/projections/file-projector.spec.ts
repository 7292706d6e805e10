import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@stackledger/event-store';
import { API_PROJECTIONS, DocumentProjection, InMemoryDocuments } from '@stackledger/projections';
import { HistoryAppend, ledgerHistory } from '@stackledger/projections/testing/ledger-history';
import { FileProjector, openFileProjector } from './file-projector';
import { ReadModelStoreOptions } from './read-model.store';
import { SqliteDocuments } from './sqlite-documents';
import { TwoThreadRebuild } from './two-thread-rebuild';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The projector's thread's engine, run here so its parts can be watched. */
describe('openFileProjector: the projector over SQLite files', () => {
  let dir: string;
  let store: SqliteEventStore;
  let running: { projector: FileProjector; unwatch: () => void }[] = [];
  let committed: number[];
  let failures: unknown[];

  const append = async (appends: HistoryAppend[]) => {
    for (const { stream, events } of appends) await store.append(stream, events, 'any');
  };
  const position = () => committed[committed.length - 1] ?? 0;
  const start = (options: ReadModelStoreOptions = {}, projections?: DocumentProjection<unknown>[]) => {
    const job = {
      eventFile: store.ledgerFile!,
      readModelFile: join(dir, 'read-models.sqlite'),
      collections: API_PROJECTIONS.map((p) => p.collection),
      options,
    };
    const projector = openFileProjector(
      job,
      { committed: (seq) => committed.push(seq), failed: (error) => failures.push(error) },
      projections,
    );
    // As the API's thread does: tell the reading connection of each append.
    running.push({ projector, unwatch: store.watchAppends(() => projector.wake()) });
    projector.projector.start();
    return projector;
  };
  const stopAll = async () => {
    for (const { projector, unwatch } of running) {
      unwatch();
      await projector.close();
    }
    running = [];
  };
  const readModelFile = <T>(read: (db: Database.Database) => T): T => {
    const db = new Database(join(dir, 'read-models.sqlite'), { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  /** What every stored document should be: the in-memory fold of the whole log. */
  const expectDocumentsOfTheLog = async () => {
    const docs = new InMemoryDocuments(API_PROJECTIONS);
    for (const event of await store.readAll(1, 1_000_000)) docs.apply(event);
    // The issuers' keys come from metadata (iss-b) and, for the v1 shape, from data (iss-a).
    expect([docs.get('issuer-auth', 'iss-a'), docs.get('issuer-auth', 'iss-b')]).toMatchObject([
      { apiKeyHash: 'hash-iss-a' },
      { apiKeyHash: 'hash-iss-b-2' },
    ]);
    const rows = readModelFile((db) => db.prepare('SELECT collection, key, body FROM documents ORDER BY collection, key').all());
    const expected = [...docs.documents()].map(([collection, key, doc]) => ({ collection, key, body: JSON.stringify(doc) }));
    expect(rows).toEqual(expected.sort((a, b) => (a.collection + '\u0000' + a.key < b.collection + '\u0000' + b.key ? -1 : 1)));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    store = SqliteEventStore.open(join(dir, 'ledger.sqlite'));
    committed = [];
    failures = [];
  });
  afterEach(async () => {
    await stopAll();
    await store.close();
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds empty read models up to the head in one commit, then applies live events', async () => {
    const history = ledgerHistory(1500);
    await append(history.slice(0, 1200));
    const rebuildWrites = jest.spyOn(SqliteDocuments.prototype, 'openRebuildWrite');
    start();
    await until(() => position() === 1200, 'the rebuild');
    await append(history.slice(1200));
    await until(() => position() === 1500, 'the live events');
    expect([committed[0], rebuildWrites.mock.calls.length, failures]).toEqual([1200, 1, []]);
    await expectDocumentsOfTheLog();
  });

  it('commits a rebuild that holds too many documents, and goes on batch by batch', async () => {
    await append(ledgerHistory(3000));
    const applied = jest.spyOn(SqliteDocuments.prototype, 'apply');
    start({ rebuildMaxDocuments: 1000 });
    await until(() => position() === 3000, 'the catch-up');
    expect(committed[0]).toBe(1024);
    expect(applied).toHaveBeenCalled();
    await expectDocumentsOfTheLog();
  });

  it('resumes from its checkpoint after a restart, without rebuilding', async () => {
    const history = ledgerHistory(1000);
    await append(history.slice(0, 600));
    start();
    await until(() => position() === 600, 'the first catch-up');
    await stopAll();
    await append(history.slice(600));
    const rebuildWrites = jest.spyOn(SqliteDocuments.prototype, 'openRebuildWrite');
    start();
    await until(() => position() === 1000, 'the resumed catch-up');
    expect(rebuildWrites).not.toHaveBeenCalled();
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
    start({}, [...API_PROJECTIONS, throwing]);
    await until(() => failures.length > 0, 'the failure');
    await stopAll();
    expect(
      readModelFile((db) => [db.prepare('SELECT seq FROM checkpoint').get(), db.prepare('SELECT count(*) AS n FROM documents').get()]),
    ).toEqual([{ seq: 0 }, { n: 0 }]);
  });

  it('refuses a collection no projection has', () => {
    const job = {
      eventFile: store.ledgerFile!,
      readModelFile: join(dir, 'read-models.sqlite'),
      collections: ['learner', 'nothing'],
      options: {},
    };
    expect(() => openFileProjector(job, { committed: () => undefined, failed: () => undefined })).toThrow(
      'no projection of collection nothing',
    );
  });

  describe('rebuilding empty read models on two threads', () => {
    const outcomes = () => {
      const run = jest.spyOn(TwoThreadRebuild.prototype, 'run');
      return Object.assign(async () => Promise.all(run.mock.results.map((r) => r.value as Promise<string>)), {
        started: () => run.mock.calls.length > 0,
      });
    };

    it('writes what one thread would, in one commit at the head, then applies live events', async () => {
      const history = ledgerHistory(1500);
      await append(history.slice(0, 1200));
      const ran = outcomes();
      const applied = jest.spyOn(SqliteDocuments.prototype, 'apply');
      start({ twoThreadRebuildFromEvents: 1000 });
      // Appended while the worker folds: the subscription takes them from the rebuilt head.
      await append(history.slice(1200));
      await until(() => position() === 1500, 'the live events');
      expect(await ran()).toEqual(['committed']);
      expect(committed[0]).toBe(1200);
      expect(applied).toHaveBeenCalled();
      expect(failures).toEqual([]);
      await expectDocumentsOfTheLog();
    });

    it('stays on one thread below the threshold', async () => {
      await append(ledgerHistory(300));
      const ran = outcomes();
      start({ twoThreadRebuildFromEvents: 301 });
      await until(() => position() === 300, 'the rebuild');
      expect(await ran()).toEqual([]);
      await expectDocumentsOfTheLog();
    });

    it('falls back to one thread, batch by batch, when a half holds too many documents', async () => {
      await append(ledgerHistory(3000));
      const ran = outcomes();
      start({ twoThreadRebuildFromEvents: 1, rebuildMaxDocuments: 1000 });
      await until(() => position() === 3000, 'the catch-up');
      expect(await ran()).toEqual(['too-large']);
      expect(committed[0]).toBe(1024);
      await expectDocumentsOfTheLog();
    });

    it('rolls back when stopped before the commit: empty at checkpoint 0, and the next start rebuilds', async () => {
      await append(ledgerHistory(1000));
      const ran = outcomes();
      start({ twoThreadRebuildFromEvents: 1 });
      // This thread's half is folded and written once `run` returns; the transaction waits for the worker's.
      await until(ran.started, 'the two-thread rebuild');
      await stopAll();
      expect(await ran()).toEqual(['cancelled']);
      expect(
        readModelFile((db) => [db.prepare('SELECT count(*) AS n FROM documents').get(), db.prepare('SELECT seq FROM checkpoint').get()]),
      ).toEqual([{ n: 0 }, { seq: 0 }]);
      start({ twoThreadRebuildFromEvents: 1 });
      await until(() => position() === 1000, 'the second rebuild');
      await expectDocumentsOfTheLog();
    });
  });
});
