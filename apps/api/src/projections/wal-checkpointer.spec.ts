import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS, applyBatch, ProjectedEvent } from '@stackledger/projections';
import { WalCheckpointer } from '@stackledger/event-store';
import { SqliteDocuments } from './sqlite-documents';
import { ledgerHistory } from '@stackledger/projections/testing/ledger-history';

const events: ProjectedEvent[] = ledgerHistory(400)
  .flatMap(({ stream, events: stored }) => stored.map((e) => ({ stream, type: e.type, data: e.data, recordedAt: e.recordedAt })))
  .map((e, i) => ({ ...e, seq: i + 1 }));

/** The checkpoint as the database file says without its WAL, i.e. what has been checkpointed into it. */
function checkpointInFileAlone(path: string, dir: string): number | undefined {
  const copy = join(dir, 'file-alone.sqlite');
  rmSync(copy, { force: true });
  copyFileSync(path, copy);
  try {
    const db = new Database(copy, { readonly: true });
    try {
      return (db.prepare('SELECT seq FROM checkpoint').get() as { seq: number }).seq;
    } finally {
      db.close();
    }
  } catch {
    return undefined; // copied halfway through a checkpoint: try again
  }
}

describe('WalCheckpointer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('checkpoints the read models from its thread while the writer does not, and lets go on close', async () => {
    const path = join(dir, 'read-models.sqlite');
    const store = new SqliteDocuments(path);
    for (let i = 0; i < events.length; i += 10) applyBatch(store, ALL_PROJECTIONS, events.slice(i, i + 10));
    const deadline = Date.now() + 5000;
    while (checkpointInFileAlone(path, dir) !== events.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(checkpointInFileAlone(path, dir)).toBe(events.length);
    applyBatch(store, ALL_PROJECTIONS, events.slice(0, 20)); // redelivered: a transaction with the thread connected
    // Closing waits for the thread to let go of the file: the last connection then removes the WAL.
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('says so when its thread ends unasked, so the writer checkpoints again', async () => {
    const exited = new Promise<void>((resolve) => new WalCheckpointer(join(dir, 'missing.sqlite'), resolve));
    await expect(exited).resolves.toBeUndefined();
  });
});
