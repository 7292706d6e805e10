/**
 * `@stackledger/event-store`: the port, its adapters and helpers. The shared contract suite lives in
 * `@stackledger/event-store/testing/event-store.contract` (it needs jest's globals, so it is not
 * exported here).
 */
export * from './event-store.port';
export * from './deterministic-event-id';
export * from './time-ordered-event-id';
export * from './in-memory.adapter';
export * from './sqlite/sqlite.adapter';
export { getCheckpoint, saveCheckpoint } from './sqlite/sqlite.checkpoints';
export { OffThreadCheckpoints, WalCheckpointer } from './sqlite/sqlite.wal-checkpointer';
export { SCHEMA_VERSION as SQLITE_SCHEMA_VERSION } from './sqlite/sqlite.schema';
export * from './eventstoredb/eventstoredb.adapter';
export { startWorker } from './worker-thread';
export {
  LedgerFile,
  projectedEvents,
  type HashedRowArray,
  type LedgerRow,
  type LogRowArray,
  type ProjectedRow,
  type ProjectedRowArray,
} from './sqlite/ledger-file';
