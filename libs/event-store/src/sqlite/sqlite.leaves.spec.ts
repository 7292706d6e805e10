import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLeaf, initMerkle, toHex } from '@stackledger/merkle';
import { newEvent, newEvents, seqs } from '../testing/event-fixtures';
import { SqliteEventStore } from './sqlite.adapter';

const hexLeaves = (bytes: Uint8Array): string[] =>
  Array.from({ length: bytes.length / 32 }, (_, i) => toHex(bytes.subarray(i * 32, i * 32 + 32)));

describe('SqliteEventStore: stored leaves and typed reads', () => {
  let dir: string;
  beforeAll(() => initMerkle());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stackledger-leaves-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores each event leaf at append, equal to the SPEC leaf of the event as read back', async () => {
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
    const db = new BetterSqlite3(file);
    db.exec('UPDATE events SET leaf = NULL');
    db.pragma('user_version = 1');
    db.close();
    const reopened = SqliteEventStore.open(file);
    expect(hexLeaves(await reopened.readLeaves(1, 2))).toEqual(expected);
    await reopened.close();
  });

  it('reads only the events of the given types in a seq range', async () => {
    const store = SqliteEventStore.open(':memory:');
    await store.append('s', [newEvent(1), newEvent(2, { type: 'CredentialRevoked' }), newEvent(3), newEvent(4, { type: 'X' }), newEvent(5, { type: 'CredentialRevoked' })], 'no-stream');
    expect(seqs(await store.readOfTypes(1, 5, ['X', 'CredentialRevoked']))).toEqual([2, 4, 5]);
    expect(seqs(await store.readOfTypes(3, 4, ['CredentialRevoked']))).toEqual([]);
    await store.close();
  });
});
