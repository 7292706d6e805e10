import type { Database, Statement } from 'better-sqlite3';
import { eventHashBytes, keccak256 } from '@stackledger/merkle';
import type { StoredEvent } from '../event-store.port';

/**
 * The Merkle leaf of an event, `keccak256(eventHash)` (SPEC section 6), as stored in `events.leaf`.
 * Preconditions: keccak initialised (`initMerkle`); `event.data` is plain JSON (it is hashed as
 * given, and the store reads back an equal value).
 */
export function leafOfEvent(event: Pick<StoredEvent, 'seq' | 'id' | 'stream' | 'type' | 'data' | 'recordedAt'>): Uint8Array {
  return keccak256(eventHashBytes(event));
}

type LeafRow = [seq: number, leaf: Buffer | null];
type LeafRun = [leaves: Buffer | null, rows: number, wellFormed: number | null];

/** Rows concatenated per query: a 2 MiB blob, so a million-leaf read never holds much more than its result. */
const ROWS_PER_QUERY = 65_536;

/**
 * Reads the stored leaves of `fromSeq..toSeq` into one buffer (32 bytes per event, seq order).
 * Rows from schema v1 have no leaf: those are computed from the row (`computeMissing`).
 */
export class StoredLeaves {
  private readonly leaves: Statement<[number, number], LeafRow>;
  private readonly run: Statement<[number, number], LeafRun>;

  constructor(
    db: Database,
    private readonly computeMissing: (seq: number) => Uint8Array,
    private readonly rowsPerQuery = ROWS_PER_QUERY,
  ) {
    // raw(): arrays instead of one object per row, which matters at a million rows.
    this.leaves = (db.prepare('SELECT seq, leaf FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq') as Statement<[number, number], LeafRow>).raw(true);
    // A run of leaves as ONE blob: stepping a million rows into JS (an array and a Buffer each)
    // cost 4x the SQL itself. group_concat keeps the blobs' bytes (CAST back to BLOB) and takes
    // them in the subquery's order: SQLite never flattens an ORDER BY subquery into an aggregate
    // (query flattener rule 16, kept for group_concat), and ORDER BY seq is the rowid scan's own order.
    this.run = (
      db.prepare(
        `SELECT CAST(group_concat(leaf, x'') AS BLOB), count(*), sum(length(leaf) = 32)
         FROM (SELECT leaf FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq)`,
      ) as Statement<[number, number], LeafRun>
    ).raw(true);
  }

  read(fromSeq: number, toSeq: number): Uint8Array {
    if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq) || fromSeq < 1 || toSeq < fromSeq) {
      throw new RangeError(`bad leaf range ${fromSeq}..${toSeq}`);
    }
    const out = new Uint8Array((toSeq - fromSeq + 1) * 32);
    for (let from = fromSeq; from <= toSeq; from += this.rowsPerQuery) {
      const to = Math.min(toSeq, from + this.rowsPerQuery - 1);
      const [leaves, rows, wellFormed] = this.run.get(from, to)!;
      // Seq is the integer primary key: `to - from + 1` rows in the range are exactly the range.
      // NULL leaves (schema v1) are not counted as well formed.
      if (leaves && rows === to - from + 1 && wellFormed === rows) {
        out.set(leaves, (from - fromSeq) * 32);
      } else {
        this.readRows(from, to, toSeq, out, fromSeq);
      }
    }
    return out;
  }

  /** Row by row, for a run with missing leaves (schema v1) or damaged rows (reported as such). */
  private readRows(from: number, to: number, toSeq: number, out: Uint8Array, outSeq: number): void {
    let expected = from;
    for (const [seq, leaf] of this.leaves.iterate(from, to)) {
      if (seq !== expected) throw new Error(`leaf range ${outSeq}..${toSeq}: seq ${expected} is missing`);
      if (leaf && leaf.length !== 32) throw new Error(`seq ${seq}: the stored leaf is ${leaf.length} bytes, not 32`);
      out.set(leaf ?? this.computeMissing(seq), (seq - outSeq) * 32);
      expected++;
    }
    if (expected !== to + 1) throw new Error(`leaf range ${outSeq}..${toSeq}: only up to ${expected - 1} is stored`);
  }
}
