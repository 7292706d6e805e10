import { AuditChain } from './audit-chain.port';
import { AuditReport } from './audit-report';
import { LedgerAudit } from './ledger-audit';
import { LogSource } from './log-event';
import { auditSqlite, sqliteConnectionOf } from './sqlite-audit';

/** Streams the whole log through one audit pass (on two threads for a SQLite file), then checks it against the chain. */
export async function runAudit(source: LogSource, chain: AuditChain, contract: string, onProgress?: (events: number) => void): Promise<AuditReport> {
  const audit = await LedgerAudit.create(contract);
  const sqlite = sqliteConnectionOf(source);
  if (sqlite) {
    try {
      await auditSqlite(audit, sqlite.db, onProgress);
    } finally {
      sqlite.close();
    }
  } else {
    for await (const page of source) {
      audit.consume(page);
      onProgress?.(audit.eventsSeen());
    }
  }
  return audit.finish(chain);
}
