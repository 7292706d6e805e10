import { AuditChain, AuditReport, runAudit, sqliteFileSource } from '@stackledger/audit';
import { LedgerFile } from '@stackledger/event-store';
import { initMerkle, keccak256Utf8 } from '@stackledger/merkle';
import { figure, note, timed } from './support/figures';
import { sampleRss } from './support/rss';

/** Baseline: the least any replay must do: read each row, parse it, hash it. */
function bareRead(file: string): number {
  const ledger = LedgerFile.openReadOnly(file);
  let n = 0;
  for (const row of ledger.hashedRows(ledger.head())) {
    JSON.parse(row[4]);
    keccak256Utf8(row[4]);
    n++;
  }
  ledger.close();
  return n;
}

/** Baseline of catch-up: what any fold must do first, read each event's projected columns and parse its data. */
export function bareReadParse(file: string): number {
  const ledger = LedgerFile.openReadOnly(file);
  let n = 0;
  for (const row of ledger.projectedRows(ledger.head())) {
    JSON.parse(row[3]);
    n++;
  }
  ledger.close();
  return n;
}

/** Events per second. */
export const rate = (events: number, ms: number): number => (events / ms) * 1000;

/** The generated ledger was never anchored: a contract holding no batch and no revocation. */
export const CONTRACT = '0x000000000000000000000000000000000000a4c1';
export const unanchoredChain: AuditChain = {
  chainId: async () => 31337,
  batchCount: async () => 0,
  batch: async (index) => {
    throw new Error(`no batch ${index}`);
  },
  revocations: async () => new Map(),
};

/**
 * The audit replay as `ledger audit --data-dir` runs it: `runAudit` over the SQLite file, on two
 * threads (contiguity, every leaf recomputed from its envelope and compared, every revocation's
 * credentialKey, every projection rebuilt from zero in memory and digested). The file is opened
 * read-only (`sqliteFileSource`): opening the store would write to the shared fixture.
 */
export async function auditReplay(file: string): Promise<AuditReport> {
  const report = await runAudit(sqliteFileSource(file), unanchoredChain, CONTRACT);
  if (!report.ok) throw new Error(`audit of the generated ledger diverged: ${JSON.stringify(report.firstDivergence)}`);
  return report;
}

/** Returns the audit's events per second (the PostgreSQL bench compares with it). */
export async function replayBench(ledger: string): Promise<number> {
  await initMerkle();
  note('replay: bare read + parse + keccak');
  const bare = await timed(() => bareRead(ledger));
  note('replay: runAudit over the SQLite file (hash check + credential keys + all projections + digest)');
  const rss = sampleRss();
  const audit = await timed(() => auditReplay(ledger));
  const peak = await rss.stop();
  figure(
    `audit replay, ${audit.result.events} events`,
    rate(audit.result.events, audit.ms),
    'events/s',
    rate(bare.result, bare.ms),
    '>= 150000 events/s; ratio >= 0.7',
  );
  figure(
    `audit replay, ${audit.result.events} events, peak RSS`,
    peak,
    'MiB',
    rss.before,
    'bounded (reported); baseline = the process before the audit',
  );
  return rate(audit.result.events, audit.ms);
}
