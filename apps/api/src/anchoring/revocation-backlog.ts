import { EventStore } from '@stackledger/event-store';
import { revocationsIn } from './revocation-keys';

/**
 * How many revocations the log holds that are not on chain yet, for `/metrics`. It remembers the
 * seqs of the revocations after the pushed mark and reads only what was appended since the last
 * count, so a scrape costs a look at the newest events, not a scan of the backlog.
 */
export class RevocationBacklog {
  /** Seqs of revocations after the mark, ascending. */
  private seqs: number[] = [];
  private firstSeq = 1;
  private scannedThrough = 0;

  constructor(private readonly store: EventStore) {}

  /** Revocations with `seq > pushedThroughSeq`, up to the head. */
  async count(pushedThroughSeq: number): Promise<number> {
    const firstSeq = pushedThroughSeq + 1;
    if (firstSeq < this.firstSeq) {
      // The mark went back (a reorganisation removed pushed revocations): count afresh.
      this.seqs = [];
      this.scannedThrough = pushedThroughSeq;
    }
    this.firstSeq = firstSeq;
    const kept = this.seqs.findIndex((seq) => seq >= firstSeq);
    this.seqs = kept < 0 ? [] : this.seqs.slice(kept);
    this.scannedThrough = Math.max(this.scannedThrough, pushedThroughSeq);
    const head = await this.store.headSeq();
    if (head > this.scannedThrough) {
      for (const event of await revocationsIn(this.store, this.scannedThrough + 1, head)) this.seqs.push(event.seq);
      this.scannedThrough = head;
    }
    return this.seqs.length;
  }
}
