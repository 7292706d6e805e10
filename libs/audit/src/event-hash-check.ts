import { eventHashBytes, leafBytesOf, toHex, type EventEnvelope } from '@stackledger/merkle';
import { Divergence } from './audit-report';

/** What a hash check hands back: the leaves of seq 1..n (32 bytes each, by seq) and the events that failed. */
export interface HashCheckResult {
  leaves: Uint8Array;
  divergences: Divergence[];
}

/**
 * The per-event half of the audit: each event's leaf is recomputed from its
 * envelope, kept by seq for the batch roots, and compared with the leaf the store recorded at
 * append. It runs in the audit itself or in a worker thread (sqlite-event-checks.worker.ts), so it
 * imports nothing heavier than the hashing.
 * Preconditions: keccak initialised (`initMerkle`); each seq is checked at most once.
 */
export class EventHashCheck {
  private leaves: Uint8Array;
  private highestSeq = 0;
  private readonly divergences: Divergence[] = [];

  /** `expectedEvents`: the leaves buffer is sized for that many up front (it grows past it if needed). */
  constructor(expectedEvents = 1024) {
    this.leaves = new Uint8Array(32 * Math.max(1, Math.min(expectedEvents, MAX_PREALLOCATED)));
  }

  /** `recorded`: the leaf stored at append (bytes, or 0x-hex from an export); none when the source keeps none. */
  check(event: EventEnvelope, recorded: Uint8Array | string | undefined): void {
    this.checkLeaf(event.seq, event.type, leafBytesOf(eventHashBytes(event)), recorded);
  }

  /**
   * `check` for a leaf the caller computed (a store keeping data as its canonical text hashes the
   * text it read, many events per call). `recompute`, when given, is asked for the leaf again on a
   * mismatch, from the event's content rather than its stored text: a text rewritten out of
   * canonical form but holding the same content is not a changed event.
   */
  checkLeaf(seq: number, type: string, leaf: Uint8Array, recorded: Uint8Array | string | undefined, recompute?: () => Uint8Array): void {
    const at = (seq - 1) * 32;
    if (at + 32 > this.leaves.length) this.grow(at + 32);
    this.leaves.set(leaf, at);
    if (seq > this.highestSeq) this.highestSeq = seq;
    if (recorded === undefined || this.matches(recorded, at)) return;
    if (recompute) {
      this.leaves.set(recompute(), at);
      if (this.matches(recorded, at)) return;
    }
    this.divergences.push({
      check: 'event-hash',
      seq,
      reason: `event ${seq} (${type}) does not match the leaf recorded when it was appended: its content was changed`,
    });
  }

  result(): HashCheckResult {
    return { leaves: this.leaves.subarray(0, this.highestSeq * 32), divergences: this.divergences };
  }

  private matches(recorded: Uint8Array | string, at: number): boolean {
    if (typeof recorded === 'string') return toHex(this.leaves.subarray(at, at + 32)) === recorded.toLowerCase();
    if (recorded.length !== 32) return false;
    for (let i = 0; i < 32; i++) if (recorded[i] !== this.leaves[at + i]) return false;
    return true;
  }

  private grow(needed: number): void {
    const grown = new Uint8Array(Math.max(this.leaves.length * 2, needed));
    grown.set(this.leaves);
    this.leaves = grown;
  }
}

/** A seq bound read from a store is trusted for sizing only this far (a forged seq could be huge). */
const MAX_PREALLOCATED = 1 << 24;
