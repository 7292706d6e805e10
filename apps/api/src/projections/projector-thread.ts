import type { Worker } from 'node:worker_threads';
import { startWorker } from '@stackledger/event-store';
import type { FileProjectorJob } from './file-projector';

export type ProjectorThreadJob = FileProjectorJob;

export type ToProjector = { kind: 'appended' } | { kind: 'rebuild' } | { kind: 'stop' };
export type FromProjector =
  | { kind: 'position'; seq: number }
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'rebuilding' }
  | { kind: 'stopped' };

export interface ProjectorThreadEvents {
  /** The read models committed through `seq`. */
  position(seq: number): void;
  failed(error: Error): void;
  /** The thread has opened its files and started its subscription: from now on it follows appends. */
  ready(): void;
}

/** How long `stop` waits for the thread to close its files before it ends it. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The API's side of a projector running on its own thread (projector.worker.ts): applying events
 * (reading them back, folding, serialising, writing) took about a quarter of the API's event loop
 * under issuance load, and the second core was mostly idle. The thread reads the SQLite event store
 * through its own connection; this side tells it of each append so it need not wait for its poll.
 */
export class ProjectorThread {
  private readonly worker: Worker;
  private wakeQueued = false;
  private ended = false;
  private readonly replies = new Map<FromProjector['kind'], () => void>();

  constructor(
    job: ProjectorThreadJob,
    private readonly events: ProjectorThreadEvents,
  ) {
    this.worker = startWorker(__dirname, 'projector.worker', job);
    this.worker.on('message', (message: FromProjector) => this.receive(message));
    this.worker.on('error', (error) => {
      // The thread exits next: that is the same failure, reported once.
      this.ended = true;
      this.events.failed(error);
    });
    this.worker.on('exit', (code) => {
      if (!this.ended) this.events.failed(new Error(`the projector thread stopped (exit code ${code})`));
      this.ended = true;
      this.replies.forEach((resolve) => resolve());
    });
  }

  /** An append was stored: one message per turn of the event loop, however many appends it made. */
  appended(): void {
    if (this.wakeQueued || this.ended) return;
    this.wakeQueued = true;
    queueMicrotask(() => {
      this.wakeQueued = false;
      if (!this.ended) this.worker.postMessage({ kind: 'appended' } satisfies ToProjector);
    });
  }

  /** Resolves once the thread has reset the read models and started rebuilding them. */
  rebuild(): Promise<void> {
    return this.request('rebuild', 'rebuilding');
  }

  /** Lets the thread close its subscription and files, then ends it. */
  async stop(): Promise<void> {
    if (this.ended) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)));
    await Promise.race([this.request('stop', 'stopped'), timeout]);
    clearTimeout(timer);
    this.ended = true;
    await this.worker.terminate();
  }

  private request(kind: ToProjector['kind'], reply: FromProjector['kind']): Promise<void> {
    if (this.ended) return Promise.resolve();
    const answered = new Promise<void>((resolve) => this.replies.set(reply, resolve));
    this.worker.postMessage({ kind } as ToProjector);
    return answered;
  }

  private receive(message: FromProjector): void {
    if (message.kind === 'position') return this.events.position(message.seq);
    if (message.kind === 'failed') return this.events.failed(new Error(message.message));
    if (message.kind === 'ready') return this.events.ready();
    this.replies.get(message.kind)?.();
    this.replies.delete(message.kind);
  }
}
