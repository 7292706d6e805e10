import type { Worker } from 'node:worker_threads';
import { startWorker } from '@stackledger/event-store';
import { ApplicationError } from '../../errors/application-error';
import type { SignatureCheck, SignatureJobItem } from './signature-check';

/**
 * Most items in one message to a thread: large enough that posting costs little beside ~0.25 ms of
 * checks per item, small enough that a thread answers within tens of milliseconds, so the jobs of
 * other requests queued meanwhile get their turn.
 */
const MAX_ITEMS_PER_MESSAGE = 256;

/**
 * Threads that may die one after another, none answering in between, before the pool stops
 * replacing them at once: a thread that cannot even start would otherwise be restarted forever.
 * The next request starts them again, and fails fast if they die again.
 */
const MAX_DEATHS_IN_A_ROW = 3;

interface Job {
  items: SignatureJobItem[];
  resolve(checks: SignatureCheck[]): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  /** What its one message in flight holds, in order; empty when the thread is free. */
  jobs: Job[];
}

export interface SignaturePoolEvents {
  /** A thread ended unasked: its jobs failed with SIGNATURE.UNAVAILABLE, and it is being replaced. */
  threadDied?(cause: Error): void;
}

/**
 * Worker threads that run `checkSignatures` (signature-checks.worker.ts), so the Ed25519
 * verifications of signed issuance use every core and leave the API's thread to the requests.
 * A request's items are cut into jobs (a big batch into one per thread, so all of them work on
 * it); jobs wait in one queue, first come first served, and a free thread takes the next ones.
 * Threads start with the first check and end with `close`; an idle pool never keeps the process
 * alive.
 */
export class SignaturePool {
  private readonly threads = new Set<Thread>();
  private readonly queue: Job[] = [];
  private queuedItems = 0;
  private deathsInARow = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly events: SignaturePoolEvents = {},
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new Error(`a signature pool needs at least one thread, got ${size}`);
  }

  /** The checks of `items`, in their order; rejects with SIGNATURE.UNAVAILABLE if a thread dies on them. */
  check(items: SignatureJobItem[]): Promise<SignatureCheck[]> {
    if (items.length === 0) return Promise.resolve([]);
    if (this.closed) return Promise.reject(unavailable('the service is shutting down'));
    const chunk = Math.min(MAX_ITEMS_PER_MESSAGE, Math.ceil(items.length / this.size));
    const parts: Promise<SignatureCheck[]>[] = [];
    for (let at = 0; at < items.length; at += chunk) {
      const slice = at === 0 && chunk >= items.length ? items : items.slice(at, at + chunk);
      parts.push(new Promise((resolve, reject) => this.queue.push({ items: slice, resolve, reject })));
      this.queuedItems += slice.length;
    }
    this.startMissingThreads();
    this.dispatch();
    return parts.length === 1 ? parts[0] : Promise.all(parts).then((checks) => checks.flat());
  }

  /** The running threads (tests end one to see its jobs fail and the pool replace it). */
  workers(): Worker[] {
    return [...this.threads].map((thread) => thread.worker);
  }

  /** Fails what is queued or in flight with SIGNATURE.UNAVAILABLE and ends every thread. */
  async close(): Promise<void> {
    this.closed = true;
    const error = unavailable('the service is shutting down');
    this.failQueue(error);
    const threads = [...this.threads];
    for (const thread of threads) this.failJobs(thread, error);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private startMissingThreads(): void {
    while (this.threads.size < this.size) {
      const worker = startWorker(__dirname, 'signature-checks.worker', undefined);
      const thread: Thread = { worker, jobs: [] };
      let failure: Error | undefined;
      worker.on('message', (checks: SignatureCheck[]) => this.answered(thread, checks));
      worker.on('error', (error) => (failure = error));
      worker.on('exit', (code) => this.ended(thread, failure ?? new Error(`the thread exited with code ${code}`)));
      worker.unref();
      this.threads.add(thread);
    }
  }

  /** Gives each free thread the next jobs, sharing what is queued among the free threads. */
  private dispatch(): void {
    const free = [...this.threads].filter((thread) => thread.jobs.length === 0);
    for (let i = 0; i < free.length && this.queue.length > 0; i++) {
      const limit = Math.min(MAX_ITEMS_PER_MESSAGE, Math.ceil(this.queuedItems / (free.length - i)));
      const jobs = [this.queue.shift()!];
      let count = jobs[0].items.length;
      while (this.queue.length > 0 && count + this.queue[0].items.length <= limit) {
        count += this.queue[0].items.length;
        jobs.push(this.queue.shift()!);
      }
      this.queuedItems -= count;
      const thread = free[i];
      thread.jobs = jobs;
      // Held while it works, so a script awaiting a check does not exit under it.
      thread.worker.ref();
      thread.worker.postMessage(jobs.length === 1 ? jobs[0].items : jobs.flatMap((job) => job.items));
    }
  }

  private answered(thread: Thread, checks: SignatureCheck[]): void {
    const jobs = thread.jobs;
    thread.jobs = [];
    thread.worker.unref();
    this.deathsInARow = 0;
    let at = 0;
    for (const job of jobs) {
      job.resolve(jobs.length === 1 ? checks : checks.slice(at, at + job.items.length));
      at += job.items.length;
    }
    this.dispatch();
  }

  private ended(thread: Thread, cause: Error): void {
    this.threads.delete(thread);
    if (this.closed) return;
    const error = unavailable('a signature-checking thread stopped while checking this request; retry it');
    this.failJobs(thread, error);
    this.events.threadDied?.(cause);
    if (++this.deathsInARow <= MAX_DEATHS_IN_A_ROW) this.startMissingThreads();
    if (this.threads.size === 0) this.failQueue(error);
    else this.dispatch();
  }

  private failJobs(thread: Thread, error: Error): void {
    const jobs = thread.jobs;
    thread.jobs = [];
    for (const job of jobs) job.reject(error);
  }

  private failQueue(error: Error): void {
    const jobs = this.queue.splice(0);
    this.queuedItems = 0;
    for (const job of jobs) job.reject(error);
  }
}

function unavailable(message: string): ApplicationError {
  return new ApplicationError('SIGNATURE.UNAVAILABLE', message);
}
