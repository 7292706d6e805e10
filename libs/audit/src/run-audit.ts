import { AuditChain } from './audit-chain.port';
import { AuditReport } from './audit-report';
import { LedgerAudit } from './ledger-audit';
import { LogSource } from './log-event';
import { StoreLogSource } from './log-sources';
import { auditSqliteStore, isSqliteFileStore } from './sqlite-store-audit';

/** Streams the whole log through one audit pass, then checks it against the chain. */
export async function runAudit(source: LogSource, chain: AuditChain, contract: string, onProgress?: (events: number) => void): Promise<AuditReport> {
  const audit = await LedgerAudit.create(contract);
  const store = (source as Partial<StoreLogSource>).store;
  if (isSqliteFileStore(store)) {
    await auditSqliteStore(audit, store, onProgress);
  } else {
    for await (const page of source) {
      audit.consume(page);
      onProgress?.(audit.eventsSeen());
    }
  }
  return audit.finish(chain);
}
