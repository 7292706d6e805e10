import { PostgresLogReader, PostgresLogReaderOptions, PostgresLogRow } from '@stackledger/event-store';
import { LogEvent, LogSource } from './log-event';

/**
 * The log of a PostgreSQL event store, read without opening the store (nothing is created,
 * migrated or written): one READ ONLY snapshot walked by a server-side cursor (`PostgresLogReader`),
 * pages of events in seq order with the leaf stored at append, as `storeSource` gives them.
 */
export function postgresLogSource(url: string, options: PostgresLogReaderOptions = {}): LogSource {
  return { [Symbol.asyncIterator]: () => pages(url, options) };
}

async function* pages(url: string, options: PostgresLogReaderOptions): AsyncGenerator<LogEvent[]> {
  const reader = await PostgresLogReader.open(url, options);
  try {
    for await (const rows of reader.pages(options.pageSize)) yield rows.map(toLogEvent);
  } finally {
    await reader.close();
  }
}

function toLogEvent([seq, id, stream, , type, data, metadata, recordedAt, leaf]: PostgresLogRow): LogEvent {
  return { seq, id, stream, type, data, recordedAt, metadata, leaf: `0x${leaf.toString('hex')}` };
}
