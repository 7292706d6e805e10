import type { Statement } from 'better-sqlite3';
import { eventHashBytes, keccak256 } from '@stackledger/merkle';
import type { StoredEvent } from '../event-store.port';

/**
 * The Merkle leaf of an event, `keccak256(eventHash)`, as stored in `events.leaf`.
 * Preconditions: keccak initialised (`initMerkle`); `event.data` is plain JSON (it is hashed as
 * given, and the store reads back an equal value).
 */
export function leafOfEvent(event: Pick<StoredEvent, 'seq' | 'id' | 'stream' | 'type' | 'data' | 'recordedAt'>): Uint8Array {
  return keccak256(eventHashBytes(event));
}

export type LeafRow = [seq: number, leaf: Buffer | null];
export type LeafRun = [leaves: Buffer | null, rows: number, wellFormed: number | null];

/** The two reads `StoredLeaves` makes, prepared by the ledger file (`prepareLeafReads`) in raw mode. */
export interface LeafReads {
  /** The leaves of `fromSeq..toSeq` concatenated, the rows in the range, and how many leaves are 32 bytes. */
  run: Statement<[number, number], LeafRun>;
  /** The rows of `fromSeq..toSeq`, one `[seq, leaf]` each, in seq order. */
  rows: Statement<[number, number], LeafRow>;
}

/** Rows concatenated per query: a 2 MiB blob, so a million-leaf read never holds much more than its result. */
const ROWS_PER_QUERY = 65_536;

/**
 * Reads the stored leaves of `fromSeq..toSeq` into one buffer (32 bytes per event, seq order).
 * Rows from schema v1 have no leaf: those are computed from the row (`computeMissing`).
 */
export class StoredLeaves {
  constructor(
    private readonly reads: LeafReads,
    private readonly computeMissing: (seq: number) => Uint8Array,
    private readonly rowsPerQuery = ROWS_PER_QUERY,
  ) {}

  read(fromSeq: number, toSeq: number): Uint8Array {
    if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq) || fromSeq < 1 || toSeq < fromSeq) {
      throw new RangeError(`bad leaf range ${fromSeq}..${toSeq}`);
    }
    const out = new Uint8Array((toSeq - fromSeq + 1) * 32);
    for (let from = fromSeq; from <= toSeq; from += this.rowsPerQuery) {
      const to = Math.min(toSeq, from + this.rowsPerQuery - 1);
      const [leaves, rows, wellFormed] = this.reads.run.get(from, to)!;
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
    for (const [seq, leaf] of this.reads.rows.iterate(from, to)) {
      if (seq !== expected) throw new Error(`leaf range ${outSeq}..${toSeq}: seq ${expected} is missing`);
      if (leaf && leaf.length !== 32) throw new Error(`seq ${seq}: the stored leaf is ${leaf.length} bytes, not 32`);
      out.set(leaf ?? this.computeMissing(seq), (seq - outSeq) * 32);
      expected++;
    }
    if (expected !== to + 1) throw new Error(`leaf range ${outSeq}..${toSeq}: only up to ${expected - 1} is stored`);
  }
}
