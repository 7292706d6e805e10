import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLeaf, initMerkle, toHex } from '@stackledger/merkle';
import { newEvent, newEvents, seqs } from '../testing/event-fixtures';
import { LedgerFile, LedgerRow, projectedEvents } from './ledger-file';
import { SqliteEventStore } from './sqlite.adapter';

describe('LedgerFile: the typed reads and writes of the events table', () => {
  let dir: string;
  let file: string;
  beforeAll(() => initMerkle());
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stackledger-ledger-file-'));
    file = join(dir, 'ledger.sqlite');
    const store = SqliteEventStore.open(file);
    await store.append('learner-1', [newEvent(1), newEvent(2, { type: 'CredentialRevoked' })], 'no-stream');
    await store.append('learner-2', [newEvent(3), newEvent(4, { type: 'CredentialRevoked' })], 'no-stream');
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads, read-only, the rows the store wrote, as the store reads them', async () => {
    const store = SqliteEventStore.open(file);
    const events = await store.readAll(1, 10);
    await store.close();
    const before = readFileSync(file);
    const ledger = LedgerFile.openReadOnly(file);
    expect(ledger.head()).toBe(4);
    expect(ledger.readAll(2, 2)).toEqual(events.slice(1, 3));
    expect(ledger.readStreams(['learner-2', 'none'])).toEqual(
      new Map([
        ['learner-2', events.slice(2)],
        ['none', []],
      ]),
    );
    expect(seqs(ledger.readOfTypes(1, 3, ['CredentialRevoked']))).toEqual([2]);
    expect(
      ledger
        .sampleOfType('CredentialRevoked', 5)
        .map((e) => e.seq)
        .sort(),
    ).toEqual([2, 4]);
    expect([...ledger.projectedRows(3)]).toEqual(
      events.slice(0, 3).map((e) => [e.seq, e.stream, e.type, JSON.stringify(e.data), e.recordedAt]),
    );
    expect([...ledger.hashedRows(4)].map(([seq, , , , , , leaf]) => [seq, toHex(leaf!)])).toEqual(events.map((e) => [e.seq, eventLeaf(e)]));
    expect(ledger.logRows(4, 10).map(([seq, id, , , , metadata]) => [seq, id, JSON.parse(metadata)])).toEqual([
      [4, events[3].id, events[3].metadata],
    ]);
    expect(ledger.dataText(3)).toBe(JSON.stringify(events[2].data));
    expect(ledger.dataText(9)).toBeUndefined();
    ledger.close();
    expect([...projectedEvents(file, 2)]).toEqual(
      events.slice(0, 2).map(({ seq, stream, type, data, recordedAt }) => ({ seq, stream, type, data, recordedAt })),
    );
    expect(readFileSync(file)).toEqual(before);
  });

  it('reads a file of schema v1, opened read-only and so not migrated, with null leaves', () => {
    const db = new BetterSqlite3(file);
    db.exec('ALTER TABLE events DROP COLUMN leaf');
    db.pragma('user_version = 1');
    db.close();
    const ledger = LedgerFile.openReadOnly(file);
    expect([...ledger.hashedRows(4)].map((row) => row[6])).toEqual([null, null, null, null]);
    expect(ledger.logRows(1, 2).map((row) => row[7])).toEqual([null, null]);
    ledger.close();
  });

  it('loads rows as given in one transaction, and none of them when one is refused', () => {
    const ledger = LedgerFile.open(file);
    const row = (seq: number, revision: number): LedgerRow => {
      const { id, type, data, metadata, recordedAt } = newEvents(1, seq)[0];
      return [seq, id, 'learner-3', revision, type, JSON.stringify(data), JSON.stringify(metadata), recordedAt, new Uint8Array(32)];
    };
    ledger.loadRows([row(5, 0), row(6, 1)]);
    expect(ledger.head()).toBe(6);
    expect(() => ledger.loadRows([row(7, 2), row(8, 2)])).toThrow(/UNIQUE/);
    expect(ledger.head()).toBe(6);
    expect(ledger.streamRevisions(['learner-3', 'learner-1', 'none'])).toEqual(
      new Map([
        ['learner-1', 1],
        ['learner-3', 1],
      ]),
    );
    ledger.close();
  });
});
