import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, eventLeaf, initMerkle, toHex } from '@stackledger/merkle';
import { newEvent } from '../testing/event-fixtures';
import { LedgerFile } from './ledger-file';
import { SqliteEventStore } from './sqlite.adapter';

/**
 * `testing/fixtures/ledger-v2.sqlite` was written by the SqliteEventStore of schema 2 (commit
 * 02fb0e4), data as JSON.stringify gave it: an issuer, credentials built by the domain (key order
 * not canonical; non-ASCII, escaped and control characters in titles), a transfer, a revocation,
 * an event of odd values (integer-like keys, 1e21, 1e-7, -0, U+2028), a BatchAnchored over seq 1-7
 * and one more credential.
 */
const FIXTURE = join(__dirname, 'testing', 'fixtures', 'ledger-v2.sqlite');

const storedTexts = (file: string): string[] => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT data FROM events ORDER BY seq').pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('schema 3: data stored as its canonical text, older ledgers rewritten once', () => {
  let dir: string;
  let file: string;
  beforeAll(() => initMerkle());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stackledger-migration-'));
    file = join(dir, 'ledger.sqlite');
    copyFileSync(FIXTURE, file);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites a schema 2 ledger on its first open for writing: same events, same leaves, canonical text', async () => {
    const old = LedgerFile.openReadOnly(file);
    expect(old.dataIsCanonical).toBe(false);
    const before = old.readAll(1, 100);
    const leavesBefore = old.readLeaves(1, old.head());
    old.close();
    const textsBefore = storedTexts(file);
    expect(textsBefore.some((text) => text !== canonicalJson(JSON.parse(text)))).toBe(true);

    const store = SqliteEventStore.open(file);
    const after = await store.readAll(1, 100);
    const leavesAfter = await store.readLeaves(1, before.length);
    await store.close();

    expect(after).toEqual(before);
    expect(toHex(leavesAfter)).toBe(toHex(leavesBefore));
    // Each stored leaf is still the one the hashed envelope gives the event.
    after.forEach((event, i) => expect(toHex(leavesAfter.subarray(i * 32, i * 32 + 32))).toBe(eventLeaf(event)));
    expect(storedTexts(file)).toEqual(textsBefore.map((text) => canonicalJson(JSON.parse(text))));
    const reopened = LedgerFile.openReadOnly(file);
    expect(reopened.dataIsCanonical).toBe(true);
    reopened.close();
  });

  it('appends as canonical text and reads back what was appended', async () => {
    const store = SqliteEventStore.open(file);
    const event = newEvent(1, { data: { z: 1, a: { y: [2, 'é'], b: null } } });
    const [appended] = (await store.append('learner-new', [event], 'no-stream')).events;
    const [read] = await store.readAll(appended.seq, 1);
    await store.close();
    expect(read).toEqual(appended);
    expect(read.data).toEqual(event.data);
    expect(storedTexts(file).at(-1)).toBe('{"a":{"b":null,"y":[2,"é"]},"z":1}');
  });

  it('leaves a schema 2 file opened read-only as it is (readers take it as it is)', () => {
    const textsBefore = storedTexts(file);
    const ledger = LedgerFile.openReadOnly(file);
    expect(ledger.readAll(1, 100)).toHaveLength(textsBefore.length);
    ledger.close();
    expect(storedTexts(file)).toEqual(textsBefore);
  });
});
