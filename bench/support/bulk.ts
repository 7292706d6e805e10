import BetterSqlite3 from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { LedgerFile, LedgerRow, timeOrderedEventId } from '@stackledger/event-store';

const TITLES = ['Data Structures', 'Soil Science', 'Public Speaking', 'Linear Algebra', 'Nursing Practice I'];

/** `count` issuance request bodies for distinct learners (numbered from `from`), realistic sizes. */
export function bulkItems(count: number, from: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const halves = 1 + (n % 8);
    return {
      learnerId: `APAAR-B${String(n).padStart(11, '0')}`,
      title: TITLES[n % TITLES.length],
      skills: ['communication', 'analysis'],
      credits: halves / 2,
      hours: halves * 15,
      level: 4.5,
      assessment: 'exam',
    };
  });
}

/** Request bodies made beforehand (signed ones), one JSON text per line: lines `from`..`from + count - 1`. */
export function bodyLines(file: string, from: number, count: number): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(from, from + count);
}

/** Writes request bodies one JSON text per line, for `bodyLines` in a client process. */
export function writeBodyLines(file: string, bodies: readonly unknown[]): void {
  writeFileSync(file, bodies.map((body) => JSON.stringify(body)).join('\n'));
}

/** The credential document of a bulk item as the API stores it, issued at `at` (for the benches that append without the API). */
export function benchCredential(item: Record<string, unknown>, at: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    issuerId: 'bench',
    ...item,
    credits: String(item.credits),
    creditBasis: 'ncrf',
    issuedAt: at,
    validUntil: at,
    salt: `0x${randomBytes(32).toString('hex')}`,
  };
}

/**
 * Baseline for bulk issuance: the bare SQLite work of storing the same number of events into `file`,
 * a copy of the ledger the API writes to (inserting into a 1 M-row table and its indexes is the
 * floor the API works against; an empty table is ~3x faster and says little), in transactions of
 * `size` rows, same durability (WAL, synchronous=FULL), with time-ordered event ids as the API
 * makes them; no validation, JCS or hashing (the leaf column gets random bytes).
 * `dataOf(i)`: the data text of the i-th row (signed credentials are bigger); by default an
 * unsigned credential as the API stores it. Returns rows per second.
 */
export function bulkBaseline(file: string, requests: number, size: number, dataOf?: (i: number) => string): number {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536'); // as the event store
  // Opened as always, not with `LedgerFile.open`: its schema check commits once before the timing,
  // and the first commit on the fresh copy is slow (likely the sync waiting for the copied file's
  // writeback): with it outside the timing, this figure came out about twice as high.
  const ledger = new LedgerFile(db);
  const head = ledger.head();
  const batch = (items: Record<string, unknown>[], first: number) => {
    const at = new Date().toISOString();
    ledger.loadRows(
      items.map((item, i): LedgerRow => {
        const data = dataOf ? dataOf(first - head - 1 + i) : JSON.stringify({ credential: benchCredential(item, at) });
        return [
          first + i,
          timeOrderedEventId(),
          `learner-${item.learnerId as string}`,
          0,
          'CredentialIssued',
          data,
          '{"actor":"issuer:bench"}',
          at,
          randomBytes(32),
        ];
      }),
    );
  };
  const start = performance.now();
  // Learners numbered apart from the API's own bulk items, so no (stream, revision) collides.
  for (let r = 0; r < requests; r++) batch(bulkItems(size, 2e7 + r * size), head + r * size + 1);
  const ms = performance.now() - start;
  ledger.close();
  return (requests * size * 1000) / ms;
}
