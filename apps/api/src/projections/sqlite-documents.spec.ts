import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALL_PROJECTIONS,
  applyBatch,
  DocumentProjection,
  InMemoryDocuments,
  InMemoryRebuild,
  ProjectedEvent,
  writeRebuild,
} from '@stackledger/projections';
import { ledgerHistory } from '@stackledger/projections/testing/ledger-history';
import { ReadModelStore } from './read-model.store';
import { SqliteDocuments } from './sqlite-documents';

function projectedHistory(size: number): ProjectedEvent[] {
  return ledgerHistory(size)
    .flatMap(({ stream, events }) => events.map((e) => ({ stream, type: e.type, data: e.data, recordedAt: e.recordedAt })))
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

function rebuildOf(events: ProjectedEvent[], projections = ALL_PROJECTIONS): InMemoryRebuild {
  const rebuild = new InMemoryRebuild(new InMemoryDocuments(projections), 2_000_000);
  events.forEach((e) => rebuild.fold(e));
  return rebuild;
}

describe('SqliteDocuments (the read models file)', () => {
  let dir: string;
  let path: string;
  const opened: { close(): void }[] = [];
  const open = () => {
    const documents = new SqliteDocuments(path);
    opened.push(documents);
    return documents;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-models-'));
    path = join(dir, 'read-models.sqlite');
  });
  afterEach(() => {
    opened.splice(0).forEach((s) => s.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits a rebuild as exactly the documents batch-by-batch application gives, with its checkpoint', () => {
    const events = projectedHistory(600);
    const batched = open();
    for (let i = 0; i < events.length; i += 97) applyBatch(batched, ALL_PROJECTIONS, events.slice(i, i + 97));
    batched.close();
    const expected = storedDocuments(path);
    rmSync(dir, { recursive: true, force: true });

    const documents = open();
    writeRebuild(documents, rebuildOf(events));
    expect(documents.checkpoint()).toBe(events.length);
    expect(documents.get('learner', 'L-1')).toEqual(JSON.parse(expected.get('learner/L-1')!));
    documents.close();
    expect(sorted(storedDocuments(path))).toEqual(sorted(expected));
    expect(sorted(expected)).toEqual(sorted(reference(events)));
  });

  it('leaves the file as it runs live: WAL, key index, and batches applied on top of the rebuild', () => {
    const events = projectedHistory(300);
    const documents = open();
    writeRebuild(documents, rebuildOf(events.slice(0, 200)));
    applyBatch(documents, ALL_PROJECTIONS, events.slice(150));
    expect(documents.checkpoint()).toBe(300);
    documents.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'documents_by_key'").get()).toBeDefined();
    db.close();
    expect(sorted(storedDocuments(path))).toEqual(sorted(reference(events)));
  });

  it('keeps nothing of a rebuild write that is never committed (a crash): the next start rebuilds from 0', () => {
    const documents = open();
    const write = documents.openRebuildWrite();
    write.insertDocuments(rebuildOf(projectedHistory(200)).documents.documents());
    expect(documents.get('learner', 'L-1')).toBeUndefined();
    documents.close();
    expect(open().checkpoint()).toBe(0);
    expect(storedDocuments(path).size).toBe(0);
  });

  it('rolls a failed rebuild commit back entirely, index included', () => {
    // A document JSON cannot encode fails the commit halfway through its inserts.
    const poisoned: DocumentProjection<unknown> = {
      collection: 'poison',
      keysOf: (e) => (e.seq === 150 ? ['x'] : []),
      evolve: () => ({ n: BigInt(1) }),
    };
    const events = projectedHistory(200);
    const documents = open();
    expect(() => writeRebuild(documents, rebuildOf(events, [...ALL_PROJECTIONS, poisoned]))).toThrow(/BigInt/);
    expect(documents.checkpoint()).toBe(0);
    applyBatch(documents, ALL_PROJECTIONS, events.slice(0, 10));
    expect(documents.checkpoint()).toBe(10);
    documents.close();
    expect(sorted(storedDocuments(path))).toEqual(sorted(reference(events.slice(0, 10))));
  });

  it('refuses a rebuild write over documents that are not empty', () => {
    const documents = open();
    applyBatch(documents, ALL_PROJECTIONS, projectedHistory(10));
    expect(() => documents.openRebuildWrite()).toThrow('read models were written to during their rebuild');
    expect(documents.checkpoint()).toBe(10);
    documents.reset();
    expect([documents.checkpoint(), storedDocuments(path).size]).toEqual([0, 0]);
  });
});

describe('ReadModelStore (the API thread side, handed over to the projector thread)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'read-models-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers nothing while suspended, then reads what the other connection committed and was adopted', () => {
    const path = join(dir, 'read-models.sqlite');
    const readModels = new ReadModelStore(path, ALL_PROJECTIONS);
    const events = projectedHistory(100);
    readModels.suspend();
    expect(readModels.get('learner', 'L-1')).toBeUndefined();
    const writer = new SqliteDocuments(path); // the projector thread's connection
    applyBatch(writer, ALL_PROJECTIONS, events);
    writer.close();
    expect(readModels.checkpoint()).toBe(0);
    readModels.adoptCheckpoint(100);
    readModels.resume();
    expect([readModels.checkpoint(), readModels.checkpointInFile()]).toEqual([100, 100]);
    expect(JSON.stringify(readModels.get('learner', 'L-1'))).toBe(reference(events).get('learner/L-1'));
    readModels.close();
  });
});
