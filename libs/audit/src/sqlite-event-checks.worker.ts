import { parentPort, workerData } from 'node:worker_threads';
import { LedgerFile } from '@stackledger/event-store';
import { initMerkle } from '@stackledger/merkle';
import { EventHashCheck } from './event-hash-check';
import type { EventChecksResult } from './ledger-audit';
import { RevocationsInLog } from './revocations-in-log';

/** What the audit hands the thread. */
export interface SqliteEventChecksJob {
  file: string;
  throughSeq: number;
}

export interface SqliteEventChecksReport extends EventChecksResult {
  events: number;
}

/**
 * The per-event checks of a SQLite store (hash check, revocations) on their own connection, in a
 * worker thread, while the audit's thread folds the projections over the same rows. Events right
 * after a gap are skipped, as the audit skips them (it reports the gap).
 */
async function eventChecks({ file, throughSeq }: SqliteEventChecksJob): Promise<SqliteEventChecksReport> {
  await initMerkle();
  const ledger = LedgerFile.openReadOnly(file);
  try {
    const hashCheck = new EventHashCheck(throughSeq);
    const revocations = new RevocationsInLog<number>(
      (seq) => seq,
      (seq) => JSON.parse(ledger.dataText(seq)!).credential,
    );
    let events = 0;
    let lastSeq = 0;
    for (const [seq, id, stream, type, text, recordedAt, leaf] of ledger.hashedRows(throughSeq)) {
      events++;
      const follows = seq === lastSeq + 1;
      lastSeq = seq;
      if (!follows) continue;
      const data = JSON.parse(text);
      hashCheck.check({ seq, id, stream, type, data, recordedAt }, leaf ?? undefined);
      revocations.note(seq, type, data);
    }
    return { events, ...hashCheck.result(), revocations: [...revocations.byKey()] };
  } finally {
    ledger.close();
  }
}

// A rejection is left unhandled on purpose: it ends the thread with an 'error' event, which the audit rejects with.
void eventChecks(workerData as SqliteEventChecksJob).then((report) =>
  parentPort!.postMessage(report, [report.leaves.buffer as ArrayBuffer]),
);
