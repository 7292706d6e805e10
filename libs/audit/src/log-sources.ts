import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { EventStore } from '@stackledger/event-store';
import { withLeaves } from './attach-leaves';
import { LogEvent, LogSource } from './log-event';

const PAGE = 5_000;

/** A store's log, and the store: `runAudit` reads a SQLite store's file itself, on two threads (see `auditSqlite`). */
export interface StoreLogSource extends AsyncIterable<LogEvent[]> {
  readonly store: EventStore;
}

/** The whole log of a store, in seq order, `PAGE` events at a time, each with its leaf (see `withLeaves`). */
export function storeSource(store: EventStore, pageSize = PAGE): StoreLogSource {
  return { store, [Symbol.asyncIterator]: () => storePages(store, pageSize) };
}

async function* storePages(store: EventStore, pageSize: number): AsyncGenerator<LogEvent[]> {
  for (let fromSeq = 1; ;) {
    const page = await store.readAll(fromSeq, pageSize);
    if (page.length === 0) return;
    yield withLeaves(
      store,
      page.map(({ seq, id, stream, type, data, recordedAt, metadata }) => ({ seq, id, stream, type, data, recordedAt, metadata })),
    );
    fromSeq = page[page.length - 1].seq + 1;
  }
}

export class LogFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'LogFileError';
  }
}

/** An NDJSON export (one event per line, as `GET /v1/events` and `ledger export` write it). */
export async function* ndjsonFileSource(path: string, pageSize = PAGE): LogSource {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let page: LogEvent[] = [];
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    page.push(parseLine(line, number));
    if (page.length === pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

function parseLine(line: string, number: number): LogEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new LogFileError(number, 'not valid JSON');
  }
  const event = value as Partial<LogEvent>;
  const fields: [keyof LogEvent, string][] = [
    ['id', 'string'],
    ['stream', 'string'],
    ['type', 'string'],
    ['recordedAt', 'string'],
    ['data', 'object'],
  ];
  if (!Number.isSafeInteger(event.seq)) throw new LogFileError(number, 'seq must be an integer');
  for (const [field, type] of fields) {
    if (typeof event[field] !== type || event[field] === null) throw new LogFileError(number, `${field} must be a ${type}`);
  }
  return event as LogEvent;
}
