import { join } from 'node:path';
import { EventStore, EventStoreDbEventStore, SqliteEventStore } from '@stackledger/event-store';
import { AppConfig } from '../config/app-config';

/** SQLite in the data folder unless EVENTSTORE_CONNECTION_STRING selects EventStoreDB. */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStoreConnectionString) {
    return EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString);
  }
  return SqliteEventStore.open(join(config.dataDir, 'ledger.sqlite'));
}
