import { SqliteEventStore } from './sqlite.adapter';
import { getCheckpoint, saveCheckpoint } from './sqlite.checkpoints';
import { SCHEMA_VERSION } from './sqlite.schema';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('SqliteEventStore: file settings and checkpoints', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stackledger-es-'));
    store = SqliteEventStore.open(join(dir, 'a', 'b', 'events.db'), { busyTimeoutMs: 1234 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in WAL mode with synchronous = FULL and the configured busy timeout', () => {
    const db = store.database;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('refuses a file written by a newer schema', async () => {
    store.database.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    const file = store.database.name;
    await store.close();
    expect(() => SqliteEventStore.open(file)).toThrow(/newer than this code/);
    store = SqliteEventStore.open(':memory:');
  });

  it('reads 0 for an unknown checkpoint and the last saved seq otherwise', () => {
    expect(store.getCheckpoint('credential-view')).toBe(0);
    store.saveCheckpoint('credential-view', 7);
    store.saveCheckpoint('issuer-view', 3);
    store.saveCheckpoint('credential-view', 9);
    expect([store.getCheckpoint('credential-view'), store.getCheckpoint('issuer-view')]).toEqual([9, 3]);
    expect(() => store.saveCheckpoint('credential-view', -1)).toThrow(RangeError);
  });

  it("moves a read model and its checkpoint together in the caller's transaction", () => {
    const db = store.database;
    db.exec('CREATE TABLE view (k TEXT PRIMARY KEY)');
    const update = db.transaction((seq: number, fail: boolean) => {
      db.prepare('INSERT INTO view (k) VALUES (?)').run(`row-${seq}`);
      saveCheckpoint(db, 'view', seq);
      if (fail) throw new Error('projection failed');
    });
    update(1, false);
    expect(() => update(2, true)).toThrow('projection failed');
    expect(getCheckpoint(db, 'view')).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM view').get()).toEqual({ n: 1 });
  });
});
