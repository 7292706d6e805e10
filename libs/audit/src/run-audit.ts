import { AuditChain } from './audit-chain.port';
import { AuditReport } from './audit-report';
import { LedgerAudit } from './ledger-audit';
import { LogSource } from './log-event';
import { auditSqlite, sqliteFileOf } from './sqlite-audit';

/** Streams the whole log through one audit pass (on two threads for a SQLite file), then checks it against the chain. */
export async function runAudit(
  source: LogSource,
  chain: AuditChain,
  contract: string,
  onProgress?: (events: number) => void,
): Promise<AuditReport> {
  const audit = await LedgerAudit.create(contract);
  const file = sqliteFileOf(source);
  if (file !== undefined) {
    await auditSqlite(audit, file, onProgress);
  } else {
    for await (const page of source) {
      audit.consume(page);
      onProgress?.(audit.eventsSeen());
    }
  }
  return audit.finish(chain);
}
