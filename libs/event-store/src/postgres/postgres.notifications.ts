import { Client, type ClientConfig } from 'pg';

/** Waits before reconnecting a lost LISTEN connection; subscriptions keep polling meanwhile. */
const RECONNECT_MS = 1_000;

/**
 * One connection LISTENing on the store's channel: every append transaction notifies it at commit
 * (`pg_notify` in the insert), from whichever process or API instance, and `wake` is called so
 * subscriptions read at once instead of at their next poll. A notification only wakes: readers
 * always read by seq, so a lost or duplicated one costs a poll interval, never an event. Lost,
 * the connection is made again, and `wake` is called once connected (appends may have gone by).
 */
export class AppendNotifications {
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private connecting?: Promise<void>;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly wake: () => void,
  ) {}

  /** Listens from now on (idempotent). */
  start(): void {
    if (this.client || this.connecting || this.timer || this.closed) return;
    this.connecting = this.connect().finally(() => (this.connecting = undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    // An error or end of this connection (server restart, network) schedules a new one.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      await client.end().catch(() => undefined);
      this.retry();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.wake();
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.retry();
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, RECONNECT_MS);
    this.timer.unref();
  }
}
