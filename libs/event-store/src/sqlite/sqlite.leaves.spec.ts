import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLeaf, initMerkle, toHex } from '@stackledger/merkle';
import { newEvent, newEvents } from '../testing/event-fixtures';
import { LedgerFile, prepareLeafReads } from './ledger-file';
import { SqliteEventStore } from './sqlite.adapter';
import { StoredLeaves, leafOfEvent } from './sqlite.leaves';
import { deleteEvent, setStoredLeaves } from './testing/ledger-file-tampering';

const hexLeaves = (bytes: Uint8Array): string[] =>
  Array.from({ length: bytes.length / 32 }, (_, i) => toHex(bytes.subarray(i * 32, i * 32 + 32)));

describe('SqliteEventStore: stored leaves', () => {
  let dir: string;
  beforeAll(() => initMerkle());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stackledger-leaves-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores each event leaf at append, equal to the leaf recomputed from the event as read back', async () => {
    const store = SqliteEventStore.open(join(dir, 'ledger.sqlite'));
    await store.append('learner-1', [newEvent(1, { data: { z: 1, a: { y: 'é', b: [1.5, null] } } })], 'no-stream');
    await store.append('learner-2', newEvents(3, 2), 'no-stream');
    const events = await store.readAll(1, 10);
    expect(hexLeaves(await store.readLeaves(1, 4))).toEqual(events.map(eventLeaf));
    expect(hexLeaves(await store.readLeaves(2, 3))).toEqual(events.slice(1, 3).map(eventLeaf));
    await expect(store.readLeaves(3, 9)).rejects.toThrow(/only up to 4/);
    await store.close();
  });

  it('computes the leaves of rows written by schema v1 (NULL leaf) after migrating', async () => {
    const file = join(dir, 'v1.sqlite');
    const store = SqliteEventStore.open(file);
    await store.append('s', newEvents(2), 'no-stream');
    const expected = (await store.readAll(1, 2)).map(eventLeaf);
    await store.close();
    setStoredLeaves(file, null);
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 1');
    db.close();
    const reopened = SqliteEventStore.open(file);
    expect(hexLeaves(await reopened.readLeaves(1, 2))).toEqual(expected);
    await reopened.close();
  });

  describe('StoredLeaves runs of leaves (one blob per query)', () => {
    /** A store of `count` events, reopened raw so rows can be damaged; the reader reads 3 rows per query. */
    async function ledger(count: number): Promise<{ file: string; db: BetterSqlite3.Database; reader: StoredLeaves; expected: string[] }> {
      const file = join(dir, 'runs.sqlite');
      const store = SqliteEventStore.open(file);
      await store.append('s', newEvents(count), 'no-stream');
      const expected = (await store.readAll(1, count)).map(eventLeaf);
      await store.close();
      const db = new BetterSqlite3(file);
      const rows = new LedgerFile(db);
      const computeMissing = (seq: number) => leafOfEvent(rows.readAll(seq, 1)[0]);
      return { file, db, reader: new StoredLeaves(prepareLeafReads(db), computeMissing, 3), expected };
    }

    it('gives every range the leaves in seq order, across query boundaries', async () => {
      const { db, reader, expected } = await ledger(10);
      for (const [from, to] of [
        [1, 10],
        [1, 1],
        [2, 4],
        [3, 7],
        [4, 6],
        [9, 10],
        [10, 10],
      ]) {
        expect(hexLeaves(reader.read(from, to))).toEqual(expected.slice(from - 1, to));
      }
      db.close();
    });

    it('computes NULL (schema v1) leaves inside a run and keeps the others as stored', async () => {
      const { file, db, reader, expected } = await ledger(10);
      setStoredLeaves(file, null, [2, 7, 8]);
      expect(hexLeaves(reader.read(1, 10))).toEqual(expected);
      db.close();
    });

    it('reports a leaf that is not 32 bytes and a missing seq', async () => {
      const { file, db, reader } = await ledger(10);
      setStoredLeaves(file, new Uint8Array([0]), [4]);
      expect(() => reader.read(4, 6)).toThrow(/seq 4: the stored leaf is 1 bytes, not 32/);
      deleteEvent(file, 5);
      expect(() => reader.read(5, 10)).toThrow(/seq 5 is missing/);
      expect(() => reader.read(6, 10)).not.toThrow();
      expect(() => reader.read(8, 12)).toThrow(/only up to 10/);
      db.close();
    });
  });
});
