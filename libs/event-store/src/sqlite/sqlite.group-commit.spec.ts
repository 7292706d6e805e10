import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError } from '../event-store.port';
import { newEvent } from '../testing/event-fixtures';
import { SqliteEventStore } from './sqlite.adapter';

describe('SQLite group commit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('appends made in one turn share a transaction; a refused one rolls back alone, the others keep their seq order', async () => {
    const store = SqliteEventStore.open(join(dir, 'ledger.sqlite'));
    const results = await Promise.allSettled([
      store.append('a', [newEvent(1, { type: 'A1' })], 'no-stream'),
      store.append('b', [newEvent(2, { type: 'B1' }), newEvent(3, { type: 'B2' })], 'no-stream'),
      store.append('a', [newEvent(4, { type: 'A-conflict' })], 'no-stream'),
      store.append('c', [newEvent(5, { type: 'C1' })], 'no-stream'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    const all = await store.readAll(1, 10);
    expect(all.map((e) => [e.seq, e.stream, e.type])).toEqual([
      [1, 'a', 'A1'],
      [2, 'b', 'B1'],
      [3, 'b', 'B2'],
      [4, 'c', 'C1'],
    ]);
    await store.close();
  });
});
