import BetterSqlite3 from 'better-sqlite3';
import { canonicalEventJson, initMerkle, keccak256, keccak256Utf8 } from '@stackledger/merkle';
import { ALL_PROJECTIONS, InMemoryDocuments } from '@stackledger/projections';
import { figure, note, timed } from './support/figures';

type Row = [seq: number, id: string, stream: string, type: string, data: string, recordedAt: string, leaf: Buffer];
const SQL = 'SELECT seq, id, stream, type, data, recorded_at, leaf FROM events ORDER BY seq';

/** Baseline: the least any replay must do: read each row, parse it, hash it. */
function bareRead(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  let n = 0;
  for (const row of db.prepare(SQL).raw(true).iterate() as IterableIterator<Row>) {
    JSON.parse(row[4]);
    keccak256Utf8(row[4]);
    n++;
  }
  db.close();
  return n;
}

/**
 * The audit replay: every row read in seq order, its leaf recomputed from the SPEC envelope
 * (`keccak256(keccak256(JCS))`) and checked against the stored leaf, seq contiguity checked, and
 * every projection the API serves rebuilt from zero (in memory, as `ledger audit` does).
 */
export function auditReplay(file: string): { events: number; documents: InMemoryDocuments } {
  const db = new BetterSqlite3(file, { readonly: true });
  const documents = new InMemoryDocuments(ALL_PROJECTIONS);
  let expected = 1;
  for (const [seq, id, stream, type, dataText, recordedAt, leaf] of db.prepare(SQL).raw(true).iterate() as IterableIterator<Row>) {
    if (seq !== expected) throw new Error(`seq gap: expected ${expected}, read ${seq}`);
    const data = JSON.parse(dataText);
    const event = { seq, id, stream, type, data, recordedAt };
    const recomputed = keccak256(keccak256Utf8(canonicalEventJson(event)));
    if (leaf && Buffer.compare(Buffer.from(recomputed), leaf) !== 0) throw new Error(`event ${seq}: content does not match its leaf`);
    documents.apply(event);
    expected++;
  }
  db.close();
  return { events: expected - 1, documents };
}

export async function replayBench(ledger: string): Promise<void> {
  await initMerkle();
  note('replay: bare read + parse + keccak');
  const bare = await timed(() => bareRead(ledger));
  note('replay: audit replay (hash check + all projections)');
  const audit = await timed(() => auditReplay(ledger));
  const rate = (n: number, ms: number) => (n / ms) * 1000;
  figure(`audit replay, ${audit.result.events} events`, rate(audit.result.events, audit.ms), 'events/s', rate(bare.result, bare.ms), '>= 150000 events/s; ratio >= 0.7');
}
