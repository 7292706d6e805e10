import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ndjsonFileSource, LogSource, postgresLogSource, sqliteFileSource, storeSource } from '@stackledger/audit';
import { EventStore, EventStoreDbEventStore } from '@stackledger/event-store';
import { DEFAULT_DATA_DIR } from '../../../api/src/config/data-dir';
import { UsageError } from '../cli-io';

export const LOG_SOURCE_HELP = `  --data-dir DIR      read the SQLite event store in DIR/ledger.sqlite (default ${DEFAULT_DATA_DIR})
  --eventstore CONN   read EventStoreDB at CONN (e.g. esdb://host:2113?tls=true)
  --database-url URL  read PostgreSQL at URL (e.g. postgres://auditor@db:5432/ledger; a password is
                      better in PGPASSWORD or ~/.pgpass than on the command line), read only`;
export const FROM_FILE_HELP = `  --from-file FILE    read an NDJSON export (ledger export, GET /v1/events) instead of a store`;

export const LOG_SOURCE_OPTIONS = {
  'data-dir': { type: 'string' },
  eventstore: { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export interface OpenedLog {
  source: LogSource;
  describe: string;
  store?: EventStore;
  close(): Promise<void>;
}

/** Opens exactly one of --from-file, --eventstore, --database-url, --data-dir (the default). */
export function openLog(options: Readonly<Record<string, unknown>>, allowFile: boolean): OpenedLog {
  const chosen = ['from-file', 'eventstore', 'database-url', 'data-dir'].filter((name) => options[name] !== undefined);
  if (chosen.length > 1) throw new UsageError(`give only one of --${chosen.join(', --')}`);
  const file = options['from-file'] as string | undefined;
  if (file !== undefined) {
    if (!allowFile) throw new UsageError('--from-file is not an option of this command');
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    return { source: ndjsonFileSource(file), describe: `file ${file}`, close: async () => undefined };
  }
  const connection = options.eventstore as string | undefined;
  if (connection !== undefined) {
    const store = EventStoreDbEventStore.fromConnectionString(connection);
    return { source: storeSource(store), describe: 'EventStoreDB', store, close: () => store.close() };
  }
  const databaseUrl = options['database-url'] as string | undefined;
  if (databaseUrl !== undefined) {
    const describe = `PostgreSQL at ${postgresLocation(databaseUrl)}`;
    return { source: unreadableOnOpen(postgresLogSource(databaseUrl), describe), describe, close: async () => undefined };
  }
  const dir = resolve((options['data-dir'] as string | undefined) ?? DEFAULT_DATA_DIR);
  const path = join(dir, 'ledger.sqlite');
  if (!existsSync(path))
    throw new UsageError(`no event store at ${path} (use --data-dir, --eventstore, --database-url${allowFile ? ' or --from-file' : ''})`);
  // Read-only: reading a ledger must never migrate, checkpoint or otherwise write to it.
  return { source: sqliteFileSource(path), describe: `SQLite ${path}`, close: async () => undefined };
}

/**
 * The log at the source could not be read at all: the server is down, the password refused, the
 * database or the ledger missing. Not a bug in the command (exit 66, not 70): the message names
 * the source and the server's reason.
 */
export class LogUnreadableError extends Error {}

/** Errors before the first page are the source's (it could not be opened); later ones pass as they are. */
function unreadableOnOpen(source: LogSource, describe: string): LogSource {
  return {
    [Symbol.asyncIterator]() {
      const pages = source[Symbol.asyncIterator]();
      let opened = false;
      return {
        async next() {
          try {
            const page = await pages.next();
            opened = true;
            return page;
          } catch (error) {
            if (opened) throw error;
            // Not `instanceof Error`: socket errors may come from another realm (a test's VM context).
            const reason = typeof (error as Error | undefined)?.message === 'string' ? (error as Error).message : String(error);
            throw new LogUnreadableError(`cannot read ${describe}: ${reason}`, { cause: error });
          }
        },
        return: async () => (await pages.return?.()) ?? { done: true, value: undefined },
      };
    },
  };
}

/** host:port/database of a PostgreSQL URL, never its user or password. */
function postgresLocation(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^postgres(ql)?:$/i.test(url.protocol) || url.hostname === '')
    throw new UsageError('--database-url must be a URL such as postgres://user@host:5432/database');
  return `${url.host}${url.pathname}`;
}
