/**
 * Reads ledger events by seq: from the `$all` position the seq index holds for the first seq,
 * forwards, skipping system records, in pages (a page's count includes the skipped records).
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { StoredEvent } from '../event-store.port';
import { storedFromRecorded } from './ledger-event';
import type { SeqIndex } from './seq-index';

/** Extra records per page, for the system records expected between ledger events. */
const PAGE_SLACK = 32;

/**
 * Up to `limit` events with `seq >= fromSeq`, never beyond what the index holds (a reader must not
 * see a seq the index has not assigned). Preconditions: `fromSeq` >= 1, `limit` >= 0.
 */
export async function readLedgerRange(client: EventStoreDBClient, index: SeqIndex, fromSeq: number, limit: number): Promise<StoredEvent[]> {
  const layout = index.layout;
  const last = Math.min(index.length, fromSeq + Math.max(limit, 0) - 1);
  const events: StoredEvent[] = [];
  let next = fromSeq;
  let fromPosition = index.positionOf(fromSeq);
  while (fromPosition && next <= last) {
    const maxCount = last - next + 1 + PAGE_SLACK;
    let read = 0;
    for await (const { event } of client.readAll({ fromPosition, maxCount })) {
      read++;
      if (!event?.position) continue;
      // The next page starts at this page's last record (reads are inclusive): progress even
      // through a run of system records longer than a page.
      fromPosition = event.position;
      if (!layout.isLedgerRecord(event.streamId, event.type)) continue;
      const seq = index.seqAt(event.position);
      if (seq === undefined || seq < next || seq > last) continue;
      events.push(storedFromRecorded(event, seq, layout));
      next = seq + 1;
    }
    if (read < maxCount) break;
  }
  return events;
}
