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
    const where = postgresLocation(databaseUrl);
    return { source: postgresLogSource(databaseUrl), describe: `PostgreSQL at ${where}`, close: async () => undefined };
  }
  const dir = resolve((options['data-dir'] as string | undefined) ?? DEFAULT_DATA_DIR);
  const path = join(dir, 'ledger.sqlite');
  if (!existsSync(path))
    throw new UsageError(`no event store at ${path} (use --data-dir, --eventstore, --database-url${allowFile ? ' or --from-file' : ''})`);
  // Read-only: reading a ledger must never migrate, checkpoint or otherwise write to it.
  return { source: sqliteFileSource(path), describe: `SQLite ${path}`, close: async () => undefined };
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
