import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS, DocumentProjection, InMemoryDocuments, ProjectedEvent } from '@stackledger/projections';
import { ReadModelStore } from './read-model.store';
import { ledgerHistory } from './testing/ledger-history';

function projectedHistory(size: number): ProjectedEvent[] {
  return ledgerHistory(size).flatMap(({ stream, events }) => events.map((e) => ({ stream, type: e.type, data: e.data, recordedAt: e.recordedAt })))
    .map((e, i) => ({ ...e, seq: i + 1 }));
}

/** Every stored document as its stored text, read straight from the file. */
function storedDocuments(path: string): Map<string, string> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT collection, key, body FROM documents').all() as { collection: string; key: string; body: string }[];
    return new Map(rows.map((r) => [`${r.collection}/${r.key}`, r.body]));
  } finally {
    db.close();
  }
}

function reference(events: ProjectedEvent[], projections = ALL_PROJECTIONS): Map<string, string> {
  const docs = new InMemoryDocuments(projections);
  events.forEach((e) => docs.apply(e));
  return new Map([...docs.documents()].map(([collection, key, doc]) => [`${collection}/${key}`, JSON.stringify(doc)]));
}

function sorted(map: Map<string, string>): [string, string][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

describe('ReadModelStore (SQLite file)', () => {
  let dir: string;
  let path: string;
  const stores: ReadModelStore[] = [];
  const open = (projections = ALL_PROJECTIONS, rebuildMaxDocuments?: number) => {
    const store = new ReadModelStore(path, projections, { rebuildMaxDocuments });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-models-'));
    path = join(dir, 'read-models.sqlite');
  });
  afterEach(() => {
    stores.splice(0).forEach((s) => s.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits a rebuild as exactly the documents batch-by-batch application gives, with its checkpoint', () => {
    const events = projectedHistory(600);
    const batched = open();
    for (let i = 0; i < events.length; i += 97) batched.apply(events.slice(i, i + 97));
    batched.close();
    const expected = storedDocuments(path);
    rmSync(dir, { recursive: true, force: true });

    const store = open();
    const rebuild = store.startRebuild()!;
    events.forEach((e) => rebuild.fold(e));
    expect(store.checkpoint()).toBe(0);
    store.commitRebuild(rebuild);
    expect(store.checkpoint()).toBe(events.length);
    expect(store.get('learner', 'L-1')).toEqual(JSON.parse(expected.get('learner/L-1')!));
    store.close();
    expect(sorted(storedDocuments(path))).toEqual(sorted(expected));
    expect(sorted(expected)).toEqual(sorted(reference(events)));
  });

  it('leaves the file as it runs live: WAL, key index, and batches applied on top of the rebuild', () => {
    const events = projectedHistory(300);
    const store = open();
    const rebuild = store.startRebuild()!;
    events.slice(0, 200).forEach((e) => rebuild.fold(e));
    store.commitRebuild(rebuild);
    store.apply(events.slice(150));
    expect(store.checkpoint()).toBe(300);
    expect(store.startRebuild()).toBeUndefined();
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'documents_by_key'").get()).toBeDefined();
    db.close();
    expect(sorted(storedDocuments(path))).toEqual(sorted(reference(events)));
  });

  it('keeps nothing of a rebuild that is never committed (a crash): the next start rebuilds from 0', () => {
    const events = projectedHistory(200);
    const store = open();
    const rebuild = store.startRebuild()!;
    events.forEach((e) => rebuild.fold(e));
    store.close();
    const reopened = open();
    expect(reopened.checkpoint()).toBe(0);
    expect(storedDocuments(path).size).toBe(0);
    expect(reopened.startRebuild()).toBeDefined();
  });

  it('rolls a failed rebuild commit back entirely, index included', () => {
    // A document JSON cannot encode fails the commit halfway through its inserts.
    const poisoned: DocumentProjection<unknown> = {
      collection: 'poison',
      keysOf: (e) => (e.seq === 150 ? ['x'] : []),
      evolve: () => ({ n: BigInt(1) }),
    };
    const events = projectedHistory(200);
    const store = open([...ALL_PROJECTIONS, poisoned]);
    const rebuild = store.startRebuild()!;
    events.forEach((e) => rebuild.fold(e));
    expect(() => store.commitRebuild(rebuild)).toThrow(/BigInt/);
    expect(store.checkpoint()).toBe(0);
    store.apply(events.slice(0, 10));
    expect(store.checkpoint()).toBe(10);
    store.close();
    expect(sorted(storedDocuments(path))).toEqual(sorted(reference(events.slice(0, 10))));
  });

  it('refuses a gap in seq while folding, and says when the fold holds enough documents', () => {
    const events = projectedHistory(3000);
    const rebuild = open(ALL_PROJECTIONS, 500).startRebuild()!;
    expect(() => rebuild.fold(events[1])).toThrow('read models expected seq 1, got 2');
    let full = -1;
    for (const e of events) if (rebuild.fold(e) && full < 0) full = e.seq;
    expect(full).toBeGreaterThan(0);
    expect(rebuild.documents.size).toBeGreaterThanOrEqual(500);
  });
});
