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

/**
 * Reads the stored leaves of `fromSeq..toSeq` into one buffer (32 bytes per event, seq order).
 * Rows from schema v1 have no leaf: those are computed from the row (`computeMissing`).
 */
export class LeafReader {
  private readonly leaves: Statement<[number, number], LeafRow>;

  constructor(
    db: Database,
    private readonly computeMissing: (seq: number) => Uint8Array,
  ) {
    // raw(): arrays instead of one object per row, which matters at a million rows.
    this.leaves = (db.prepare('SELECT seq, leaf FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq') as Statement<[number, number], LeafRow>).raw(true);
  }

  read(fromSeq: number, toSeq: number): Uint8Array {
    if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq) || fromSeq < 1 || toSeq < fromSeq) {
      throw new RangeError(`bad leaf range ${fromSeq}..${toSeq}`);
    }
    const out = new Uint8Array((toSeq - fromSeq + 1) * 32);
    let expected = fromSeq;
    for (const [seq, leaf] of this.leaves.iterate(fromSeq, toSeq)) {
      if (seq !== expected) throw new Error(`leaf range ${fromSeq}..${toSeq}: seq ${expected} is missing`);
      out.set(leaf ?? this.computeMissing(seq), (seq - fromSeq) * 32);
      expected++;
    }
    if (expected !== toSeq + 1) throw new Error(`leaf range ${fromSeq}..${toSeq}: only up to ${expected - 1} is stored`);
    return out;
  }
}
