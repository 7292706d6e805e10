/** `@stackledger/audit`: replays the ledger log, checks it against the chain, answers point-in-time questions. */
export * from './audit-chain.port';
export * from './audit-report';
export * from './ledger-audit';
export * from './log-event';
export * from './log-line';
export * from './log-sources';
export { sqliteFileSource, type SqliteFileLogSource } from './sqlite-file-source';
export { postgresLogSource } from './postgres-source';
export * from './projection-digest';
export * from './replay-at';
export { RpcAuditChain } from './rpc-audit-chain';
export * from './run-audit';
export * from './attach-leaves';
