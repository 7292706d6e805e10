import { LedgerFile, LogRowArray } from '@stackledger/event-store';
import { eventLeaf, initMerkle, toHex } from '@stackledger/merkle';
import { LogEvent } from './log-event';

const PAGE = 5_000;

/** The log of a SQLite event store file; `runAudit` reads such a file on two threads (see `auditSqlite`). */
export interface SqliteFileLogSource extends AsyncIterable<LogEvent[]> {
  readonly sqliteFile: string;
}

/**
 * The log of a SQLite event store file read without opening the store: read-only, so the file is
 * never migrated, checkpointed or otherwise written (an auditor's copy, a benchmark's fixture).
 * Pages of events in seq order, each with the leaf stored at append, or computed for rows that
 * have none (schema v1), as `storeSource` gives them.
 */
export function sqliteFileSource(file: string, pageSize = PAGE): SqliteFileLogSource {
  return { sqliteFile: file, [Symbol.asyncIterator]: () => filePages(file, pageSize) };
}

async function* filePages(file: string, pageSize: number): AsyncGenerator<LogEvent[]> {
  await initMerkle();
  const ledger = LedgerFile.openReadOnly(file);
  try {
    for (let fromSeq = 1; ;) {
      const rows = ledger.logRows(fromSeq, pageSize);
      if (rows.length === 0) return;
      yield rows.map(toLogEvent);
      fromSeq = rows[rows.length - 1][0] + 1;
    }
  } finally {
    ledger.close();
  }
}

function toLogEvent([seq, id, stream, type, data, metadata, recordedAt, leaf]: LogRowArray): LogEvent {
  const event: LogEvent = { seq, id, stream, type, data: JSON.parse(data), recordedAt, metadata: JSON.parse(metadata) };
  event.leaf = leaf ? toHex(leaf) : eventLeaf(event);
  return event;
}
