import { capability, LedgerFile, SqliteLedgerFile, startWorker } from '@stackledger/event-store';
import { LedgerAudit } from './ledger-audit';
import { LogSource } from './log-event';
import { StoreLogSource } from './log-sources';
import { SqliteFileLogSource } from './sqlite-file-source';
import type { SqliteEventChecksJob, SqliteEventChecksReport } from './sqlite-event-checks.worker';

/** How often progress is reported, in events. */
const PROGRESS_EVERY = 5_000;

/** The SQLite ledger file behind `source`, when it has one that other connections can open. */
export function sqliteFileOf(source: LogSource): string | undefined {
  const { store } = source as Partial<StoreLogSource>;
  const shared = store && capability(store, SqliteLedgerFile);
  if (shared) return shared.ledgerFile;
  return (source as Partial<SqliteFileLogSource>).sqliteFile;
}

/**
 * Feeds the SQLite ledger `file` to `audit` on two threads: a worker reads the rows
 * on its own read-only connection and runs the per-event checks (JCS, two keccaks and a compare
 * per event; the revocations), while this thread reads the same rows, folds the projections and
 * digests them. The two halves cost about the same; together they are what `LedgerAudit.consume`
 * does alone. Both stop at the head seen now.
 */
export async function auditSqlite(audit: LedgerAudit, file: string, onProgress?: (events: number) => void): Promise<void> {
  const ledger = LedgerFile.openReadOnly(file);
  let checks: ReturnType<typeof eventChecksThread> | undefined;
  try {
    const throughSeq = ledger.head();
    if (throughSeq === 0) return;
    checks = eventChecksThread({ file, throughSeq });
    fold(audit, ledger, throughSeq, onProgress);
    audit.summariseProjections();
  } catch (error) {
    await checks?.stop();
    throw error;
  } finally {
    ledger.close();
  }
  const report = await checks.report;
  if (report.events !== audit.eventsSeen()) {
    throw new Error(
      `the per-event checks read ${report.events} events and the fold ${audit.eventsSeen()}: the store changed under the audit`,
    );
  }
  audit.adopt(report);
}

function fold(audit: LedgerAudit, ledger: LedgerFile, throughSeq: number, onProgress?: (events: number) => void): void {
  let count = 0;
  for (const [seq, stream, type, data, recordedAt] of ledger.projectedRows(throughSeq)) {
    audit.fold({ seq, stream, type, data: JSON.parse(data), recordedAt });
    if (++count % PROGRESS_EVERY === 0) onProgress?.(count);
  }
  onProgress?.(count);
}

function eventChecksThread(job: SqliteEventChecksJob): { report: Promise<SqliteEventChecksReport>; stop(): Promise<void> } {
  const worker = startWorker(__dirname, 'sqlite-event-checks.worker', job);
  const report = new Promise<SqliteEventChecksReport>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the event checks thread stopped (exit code ${code}) before it reported`)));
  });
  report.catch(() => undefined); // observed when awaited; a stopped thread's failure is of no interest
  return { report, stop: async () => void (await worker.terminate()) };
}
