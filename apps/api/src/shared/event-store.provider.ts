import { join } from 'node:path';
import { EventStore, EventStoreDbEventStore, PostgresEventStore, SqliteEventStore } from '@stackledger/event-store';
import { AppConfig } from '../config/app-config';

export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';

/** PostgreSQL when DATABASE_URL is set, EventStoreDB when EVENTSTORE_CONNECTION_STRING is, else SQLite (never both: loadConfig refuses it). */
export function eventStoreKind(config: AppConfig): EventStoreKind {
  if (config.databaseUrl) return 'postgres';
  if (config.eventStoreConnectionString) return 'eventstoredb';
  return 'sqlite';
}

/** Where the events are, for people: no user name or password. */
export function describeEventStore(config: AppConfig): string {
  switch (eventStoreKind(config)) {
    case 'postgres': {
      const url = new URL(config.databaseUrl!);
      return `PostgreSQL at ${url.host}${url.pathname}`;
    }
    case 'eventstoredb':
      return 'EventStoreDB';
    case 'sqlite':
      return `SQLite in ${config.dataDir}`;
  }
}

/**
 * The store the configuration chooses (see `eventStoreKind`). A store that cannot be opened (server
 * down, password refused, database missing) rejects with one line naming the store and the
 * driver's reason, which the start prints as it is: an operator acts on it without a stack.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  try {
    return await connect(config);
  } catch (error) {
    // Not `instanceof Error`: Node's socket errors may come from another realm (a test's VM context).
    const reason = typeof (error as Error | undefined)?.message === 'string' ? (error as Error).message : String(error);
    throw new Error(`cannot open the event store, ${describeEventStore(config)}: ${reason}`, { cause: error });
  }
}

async function connect(config: AppConfig): Promise<EventStore> {
  switch (eventStoreKind(config)) {
    case 'postgres':
      return PostgresEventStore.connect(config.databaseUrl!, {
        poolSize: config.databasePoolSize,
        statementTimeoutMs: config.databaseStatementTimeoutMs,
      });
    case 'eventstoredb':
      return EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString!);
    case 'sqlite':
      return SqliteEventStore.open(join(config.dataDir, 'ledger.sqlite'));
  }
}
