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

/** The store the configuration chooses (see `eventStoreKind`). */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
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
