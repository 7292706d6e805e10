import type { Database } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** Slots of the shared state: stop requested, connection closed, connection opened. */
const STOP = 0;
const CLOSED = 1;
const OPENED = 2;

/**
 * The thread's code, plain JavaScript so that it starts the same from source (ts-node, jest) and
 * built. It sleeps on the shared state between checkpoints, so a stop wakes it at once.
 */
const THREAD = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
let db;
try {
  db = new (require(workerData.driver))(workerData.path, { fileMustExist: true });
  Atomics.store(state, ${OPENED}, 1);
  while (Atomics.wait(state, ${STOP}, 0, workerData.intervalMs) === 'timed-out') db.pragma('wal_checkpoint(PASSIVE)');
} catch {
  // The writer's own automatic checkpoints take over.
} finally {
  if (db && db.open) db.close();
  Atomics.store(state, ${CLOSED}, 1);
  Atomics.notify(state, ${CLOSED});
}`;

/**
 * Copies a WAL database's committed pages back into its file from a thread of its own. A checkpoint
 * writes pages at random places in the file and syncs it twice: run by the writer (SQLite's default,
 * every 1000 pages) it stalled the event loop and cost a live event more than its own transaction.
 * PASSIVE checkpoints never block the writer, nor wait for it.
 */
export class WalCheckpointer {
  private readonly state = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;

  /** `onExit`: the thread ended without being asked to (it could not open the file, or a checkpoint failed). */
  constructor(path: string, onExit: () => void, intervalMs = 50) {
    this.worker = new Worker(THREAD, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), path, intervalMs, state: this.state.buffer },
    });
    this.worker.unref();
    this.worker.on('error', () => undefined); // the thread's own failures end in its catch; this is for one to start
    this.worker.once('exit', () => {
      if (Atomics.load(this.state, STOP) === 0) onExit();
    });
  }

  /** Returns once the thread's connection is closed (or it never opened one), so the file can be changed. */
  stop(): void {
    Atomics.store(this.state, STOP, 1);
    Atomics.notify(this.state, STOP);
    if (Atomics.load(this.state, OPENED) === 1) Atomics.wait(this.state, CLOSED, 0, 5_000);
  }
}

/** 200 MiB of WAL before the writing connection checkpoints by itself. */
const BACKSTOP_CHECKPOINT_PAGES = 50_000;

/**
 * A writing connection whose WAL checkpoints run on a `WalCheckpointer` thread. The connection's
 * own automatic checkpoints stay as a backstop, rare enough never to compete with the thread's: a
 * writer that never pauses keeps the WAL from restarting, and then it must not grow without end.
 * If the thread ends by itself, SQLite's default takes over again.
 */
export class OffThreadCheckpoints {
  private checkpointer?: WalCheckpointer;

  constructor(
    private readonly db: Database,
    path: string,
  ) {
    const checkpointer = new WalCheckpointer(path, () => {
      if (this.checkpointer === checkpointer) this.stop();
    });
    this.checkpointer = checkpointer;
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  }

  /** Returns once the thread has released the file; the connection checkpoints by itself again. */
  stop(): void {
    this.checkpointer?.stop();
    this.checkpointer = undefined;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000'); // SQLite's default
  }
}
