import Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, InMemoryEventStore, SqliteEventStore } from '@stackledger/event-store';
import { API_PROJECTIONS, InMemoryDocuments } from '@stackledger/projections';
import { HistoryAppend, ledgerHistory } from '@stackledger/projections/testing/ledger-history';
import { ProjectorService } from './projector.service';
import { ReadModelStore } from './read-model.store';
import { SqliteDocuments } from './sqlite-documents';

describe('ProjectorService', () => {
  let dir: string;
  let store: EventStore;
  let running: { projector: ProjectorService; readModels: ReadModelStore }[] = [];

  const append = async (appends: HistoryAppend[]) => {
    for (const { stream, events } of appends) await store.append(stream, events, 'any');
  };
  const start = () => {
    const readModels = new ReadModelStore(join(dir, 'read-models.sqlite'), API_PROJECTIONS);
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
    expect([docs.get('issuer-auth', 'iss-a'), docs.get('issuer-auth', 'iss-b')]).toMatchObject([
      { apiKeyHash: 'hash-iss-a' },
      { apiKeyHash: 'hash-iss-b-2' },
    ]);
    const db = new Database(join(dir, 'read-models.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT collection, key, body FROM documents ORDER BY collection, key').all() as {
      collection: string;
      key: string;
      body: string;
    }[];
    db.close();
    const expected = [...docs.documents()].map(([collection, key, doc]) => ({ collection, key, body: JSON.stringify(doc) }));
    expect(rows).toEqual(expected.sort((a, b) => (a.collection + '\u0000' + a.key < b.collection + '\u0000' + b.key ? -1 : 1)));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
  });
  afterEach(async () => {
    await stopAll();
    await store.close();
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("over a SQLite file: on the projector's own thread", () => {
    beforeEach(() => {
      store = SqliteEventStore.open(join(dir, 'ledger.sqlite'));
    });

    it('on an empty ledger, starts only once its thread runs: the first write is projected at once', async () => {
      const { projector, started } = start();
      await started;
      // Before the thread said it runs, start resolved at once on an empty ledger, and this first
      // write waited for the thread's start-up (seconds on a loaded machine, past the write timeout).
      await append(ledgerHistory(20).slice(0, 1));
      await projector.waitFor(1, 500);
      expect(projector.position()).toBe(1);
    });

    it('starts once caught up, follows live appends, and this thread reads what it wrote', async () => {
      const history = ledgerHistory(1500);
      await append(history.slice(0, 1200));
      const { projector, readModels, started } = start();
      const applied = jest.spyOn(SqliteDocuments.prototype, 'apply');
      await started;
      expect(projector.position()).toBe(1200);
      await append(history.slice(1200));
      await projector.waitFor(1500, 10_000);
      expect(projector.healthy()).toBe(true);
      // Applied over there: this thread's connection only reads.
      expect(applied).not.toHaveBeenCalled();
      const learner = history
        .map((a) => a.stream)
        .filter((st) => st.startsWith('learner-'))
        .pop()!
        .slice('learner-'.length);
      expect(readModels.get('learner', learner)).toMatchObject({ learnerId: learner });
      await expectDocumentsOfTheLog();
    });

    it('rebuilds from the first event on request', async () => {
      await append(ledgerHistory(800));
      const { projector, started } = start();
      await started;
      await projector.rebuild();
      await projector.waitFor(800, 10_000);
      expect(projector.healthy()).toBe(true);
      await expectDocumentsOfTheLog();
    });

    it('reports a failure once: the start resolves, unhealthy, and stop still answers', async () => {
      await append(ledgerHistory(300));
      // No projection can fold an issuance without its credential: the thread's rebuild fails.
      const broken = {
        id: randomUUID(),
        type: 'CredentialIssued',
        data: {},
        metadata: { actor: 'test' },
        recordedAt: new Date().toISOString(),
      };
      await store.append('learner-broken', [broken], 'no-stream');
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const { projector, started } = start();
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
      await start().started;
      await stopAll();
      await append(history.slice(600));
      const second = start();
      await second.started;
      expect(second.projector.position()).toBe(1000);
      await expectDocumentsOfTheLog();
    });
  });

  describe('over a store other threads cannot open: in this thread', () => {
    beforeEach(() => {
      store = new InMemoryEventStore(500);
    });

    it('starts, follows live appends, and rebuilds from the first event on request', async () => {
      const history = ledgerHistory(1000);
      await append(history.slice(0, 700));
      const applied = jest.spyOn(SqliteDocuments.prototype, 'apply');
      const { projector, readModels, started } = start();
      await started;
      await projector.waitFor(700, 10_000);
      await append(history.slice(700));
      await projector.waitFor(1000, 10_000);
      expect(applied).toHaveBeenCalled();
      await expectDocumentsOfTheLog();
      await projector.rebuild();
      await projector.waitFor(1000, 10_000);
      expect([projector.healthy(), readModels.checkpoint()]).toEqual([true, 1000]);
      await expectDocumentsOfTheLog();
    });
  });
});
