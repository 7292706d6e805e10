import { StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

export interface CatchUpSettings {
  /** Events read per query, during catch-up and after each wake-up. */
  pageSize: number;
  /** When set, also re-read after this long without a notification (appends by other processes). */
  pollIntervalMs?: number;
  /**
   * When set, a failed read is tried again after this long instead of ending the subscription: for
   * a store behind a network (a server restart or a failover must not stop a projector for good).
   * Errors of the handler, and gaps in seq, still end it.
   */
  retryReadsAfterMs?: number;
  /** Called once when the subscription ends, by close() or by an error. */
  onEnd: () => void;
}

/**
 * A catch-up subscription that only ever pulls: it reads `seq >= position + 1` from the store, and
 * a notification (an in-process append) or the poll timer merely wakes it to read again. Live
 * events therefore take the same path as stored ones, so nothing is delivered twice or skipped as
 * long as the store makes seqs visible in order (true when seq is assigned under the write lock).
 * A gap in seq is reported as an error rather than skipped silently.
 */
export class CatchUpSubscription implements Subscription {
  private position: number;
  private closed = false;
  private woken = false;
  private wake?: () => void;
  private readonly done: Promise<void>;

  constructor(
    private readonly readAll: (fromSeq: number, limit: number) => Promise<StoredEvent[]>,
    private readonly options: SubscribeOptions,
    private readonly settings: CatchUpSettings,
  ) {
    this.position = options.afterSeq;
    this.done = this.run();
  }

  /** Tells the subscription that new events may be stored. */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    try {
      while (!this.closed) {
        this.woken = false;
        const page = await this.read();
        if (page === undefined) {
          await this.sleep(this.settings.retryReadsAfterMs);
          continue;
        }
        await this.deliver(page);
        if (page.length < this.settings.pageSize) await this.sleep(this.settings.pollIntervalMs);
      }
    } catch (error) {
      this.closed = true;
      this.report(error);
    } finally {
      this.settings.onEnd();
    }
  }

  /** The next page; undefined when the read failed and is to be tried again. */
  private async read(): Promise<StoredEvent[] | undefined> {
    try {
      return await this.readAll(this.position + 1, this.settings.pageSize);
    } catch (error) {
      if (this.settings.retryReadsAfterMs === undefined) throw error;
      return undefined;
    }
  }

  private report(error: unknown): void {
    try {
      (this.options.onError ?? reportUnhandled)(error);
    } catch (thrown) {
      reportUnhandled(thrown);
    }
  }

  private async deliver(page: StoredEvent[]): Promise<void> {
    for (const event of page) {
      if (this.closed) return;
      if (event.seq !== this.position + 1) {
        throw new Error(`subscription expected seq ${this.position + 1}, read ${event.seq}`);
      }
      await this.options.handler(event);
      this.position = event.seq;
    }
  }

  /** Until notified or closed, or `ms` (undefined: no timer). */
  private sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      if (this.closed || this.woken) return done();
      if (ms !== undefined) timer = setTimeout(done, ms);
    });
  }
}

function reportUnhandled(error: unknown): void {
  // eslint-disable-next-line no-console -- the last resort of a caller that gave no onError: a library has no logger, and the error must not vanish
  console.error('event-store subscription stopped by an error without onError', error);
}
