/**
 * `@stackledger/event-store`: the port, the capabilities an adapter may offer beyond it, the
 * adapters and shared helpers. The shared contract suite lives in
 * `@stackledger/event-store/testing/event-store.contract` (it needs jest's globals, so it is not
 * exported here).
 */
export * from './event-store.port';
export * from './event-store.capabilities';
export * from './deterministic-event-id';
export * from './time-ordered-event-id';
export * from './in-memory.adapter';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite.adapter';
export {
  LedgerFile,
  projectedEvents,
  type HashedRowArray,
  type LedgerRow,
  type LogRowArray,
  type ProjectedRow,
  type ProjectedRowArray,
} from './sqlite/ledger-file';
export type { LedgerDatabaseOptions } from './sqlite/sqlite.schema';
export { OffThreadCheckpoints, WalCheckpointer } from './sqlite/sqlite.wal-checkpointer';
export * from './eventstoredb/eventstoredb.adapter';
export { startWorker } from './worker-thread';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres.adapter';
export { PostgresLedger, type PostgresLogRow, type PostgresRow } from './postgres/postgres-ledger';
export { PostgresLogReader, type PostgresLogReaderOptions } from './postgres/postgres-log-reader';
