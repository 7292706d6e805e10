import BetterSqlite3 from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';

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

/**
 * Baseline for bulk issuance: the bare SQLite work of storing the same number of events, in
 * transactions of `size` rows, same durability (WAL, synchronous=FULL), no validation or hashing.
 * Returns rows per second.
 */
export function bulkBaseline(file: string, requests: number, size: number): number {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream, revision))');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, 0, ?, ?, ?, ?)');
  const batch = db.transaction((items: Record<string, unknown>[], first: number) => {
    const at = new Date().toISOString();
    items.forEach((item, i) => {
      const credential = { id: randomUUID(), issuerId: 'bench', ...item, credits: String(item.credits), creditBasis: 'ncrf', issuedAt: at, validUntil: at, salt: `0x${randomBytes(32).toString('hex')}` };
      insert.run(first + i, randomUUID(), `learner-${item.learnerId as string}`, 'CredentialIssued', JSON.stringify({ credential }), '{"actor":"issuer:bench"}', at);
    });
  });
  const start = performance.now();
  for (let r = 0; r < requests; r++) batch(bulkItems(size, r * size), r * size + 1);
  const ms = performance.now() - start;
  db.close();
  return (requests * size * 1000) / ms;
}
