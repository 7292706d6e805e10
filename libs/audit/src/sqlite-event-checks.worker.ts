import { parentPort, workerData } from 'node:worker_threads';
import { LedgerFile } from '@stackledger/event-store';
import { canonicalEventJsonWithData, eventHashBytes, initMerkle, leafBytesOf, leavesOfTexts } from '@stackledger/merkle';
import type { HashedRowArray } from '@stackledger/event-store';
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
    const canonical = ledger.dataIsCanonical ? new CanonicalRows(hashCheck) : undefined;
    let events = 0;
    let lastSeq = 0;
    for (const row of ledger.hashedRows(throughSeq)) {
      const [seq, id, stream, type, text, recordedAt, leaf] = row;
      events++;
      const follows = seq === lastSeq + 1;
      lastSeq = seq;
      if (!follows) continue;
      if (canonical) {
        canonical.add(row);
        // Only events carrying a credential, and revocations of credentials and issuer keys, are parsed, for the revocation keys.
        if (type === 'CredentialRevoked' || type === 'IssuerKeyRevoked' || text.includes('"credential":{'))
          revocations.note(seq, type, JSON.parse(text));
        continue;
      }
      const data = JSON.parse(text);
      hashCheck.check({ seq, id, stream, type, data, recordedAt }, leaf ?? undefined);
      revocations.note(seq, type, data);
    }
    canonical?.flush();
    return { events, ...hashCheck.result(), revocations: [...revocations.byKey()] };
  } finally {
    ledger.close();
  }
}

/** Rows hashed per call into WASM. */
const BATCH = 4096;

/**
 * The hash check of a file that stores data as its canonical text (schema 3): each event's hashed
 * text is that text inside its envelope, so the check is a read and two keccaks, no parse and no
 * canonicalisation; rows are hashed `BATCH` at a time. A leaf that does not match is computed again
 * from the parsed content (see `EventHashCheck.checkLeaf`).
 */
class CanonicalRows {
  private rows: HashedRowArray[] = [];
  private texts: string[] = [];

  constructor(private readonly hashCheck: EventHashCheck) {}

  add(row: HashedRowArray): void {
    const [seq, id, stream, type, text, recordedAt] = row;
    this.rows.push(row);
    this.texts.push(canonicalEventJsonWithData({ seq, id, stream, type, recordedAt }, text));
    if (this.rows.length === BATCH) this.flush();
  }

  flush(): void {
    const leaves = leavesOfTexts(this.texts);
    this.rows.forEach(([seq, id, stream, type, text, recordedAt, stored], i) =>
      this.hashCheck.checkLeaf(seq, type, leaves.subarray(i * 32, i * 32 + 32), stored ?? undefined, () =>
        leafBytesOf(eventHashBytes({ seq, id, stream, type, data: JSON.parse(text), recordedAt })),
      ),
    );
    this.rows = [];
    this.texts = [];
  }
}

// A rejection is left unhandled on purpose: it ends the thread with an 'error' event, which the audit rejects with.
void eventChecks(workerData as SqliteEventChecksJob).then((report) =>
  parentPort!.postMessage(report, [report.leaves.buffer as ArrayBuffer]),
);
