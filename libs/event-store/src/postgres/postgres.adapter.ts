import { initMerkle } from '@stackledger/merkle';
import { Pool, type ClientConfig } from 'pg';
import { assertAppendMany } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
import type { LeafReader, MultiStreamAppend, MultiStreamRead, TypedReader } from '../event-store.capabilities';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  StreamAppend,
  StreamCondition,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { PostgresAppender } from './postgres.append';
import { PG_TYPES, PostgresLedger } from './postgres-ledger';
import { AppendNotifications } from './postgres.notifications';
import { checkSchemaName, DEFAULT_SCHEMA, migrate } from './postgres.schema';
import { whileConnected } from './postgres.unavailable';

export interface PostgresEventStoreOptions {
  /** The schema holding the tables, created when missing. Default `stackledger`. */
  schema?: string;
  /** Connections in the pool (appends use one at a time; reads the others). Default 10. */
  poolSize?: number;
  /** Longest a statement may run, waiting for the append lock included, before it fails; 0: no limit. Default 30000. */
  statementTimeoutMs?: number;
  /** How often an idle subscription re-reads when no notification came (LISTEN lost). Default 1000. */
  pollIntervalMs?: number;
  /** Events read per query by a subscription. Default 1000. */
  pageSize?: number;
  /** Shown in `pg_stat_activity`. Default `stackledger`. */
  applicationName?: string;
}

/**
 * The event store on PostgreSQL, for several API instances on one database. Appends are
 * serialised by the lock on the one `ledger_head` row (see `postgres.schema.ts`): every append
 * transaction takes it first, so seq is always the last one plus one and transactions commit in
 * seq order, which is what lets subscriptions and audits read by seq without ever skipping an
 * event. Appends made while a transaction runs share the next one (`PostgresAppender`). After a
 * commit, subscriptions here wake at once, those of other processes by NOTIFY, and any of them
 * at its next poll if notifications are lost; a read that fails (the server restarting, a
 * failover) is tried again at the next poll rather than ending the subscription. Offers every
 * capability but `SqliteLedgerFile`.
 */
export class PostgresEventStore implements EventStore, MultiStreamAppend, MultiStreamRead, LeafReader, TypedReader {
  private readonly ledger: PostgresLedger;
  private readonly appender: PostgresAppender;
  private readonly notifications: AppendNotifications;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private closing?: Promise<void>;

  private constructor(
    private readonly pool: Pool,
    connection: ClientConfig,
    schema: string,
    options: PostgresEventStoreOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.pageSize = options.pageSize ?? 1000;
    this.ledger = new PostgresLedger(pool, schema);
    this.appender = new PostgresAppender(pool, this.ledger, () => this.wake());
    this.notifications = new AppendNotifications(connection, this.ledger.channel, () => this.wake());
  }

  /**
   * Connects to `url` (`postgres://user:password@host:port/database`), creating or migrating the
   * schema. Fails, holding nothing, when the server cannot be reached or the schema is newer than
   * this code.
   */
  static async connect(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
    const connection: ClientConfig = {
      connectionString: url,
      application_name: options.applicationName ?? 'stackledger',
      types: PG_TYPES,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...(options.statementTimeoutMs !== 0 && { statement_timeout: options.statementTimeoutMs ?? 30_000 }),
    };
    const pool = new Pool({ ...connection, max: options.poolSize ?? 10 });
    // An idle connection the server drops (restart, failover) is replaced on next use; without a
    // listener its error would end the process.
    pool.on('error', () => undefined);
    // So would a dropped connection while checked out (an append transaction between statements):
    // the pool listens only to idle ones. The statement that meets it fails, and the pool discards
    // the connection when it comes back.
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      await migrate(pool, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, connection, schema, options);
  }

  /** The schema holding the tables. */
  get schema(): string {
    return this.ledger.schema;
  }

  /** Connections of the pool: open, idle, and callers waiting for one (health, diagnostics). */
  poolState(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  /** Another process may have appended: subscriptions read again now instead of at their next poll. */
  wake(): void {
    this.subscriptions.forEach((subscription) => subscription.notify());
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return (await this.appendMany([{ stream, events, expected }]))[0];
  }

  /** All streams in one transaction: a refusal of any stream stores none of them. */
  async appendMany(appends: readonly StreamAppend[], conditions: readonly StreamCondition[] = []): Promise<AppendResult[]> {
    // Checked here, outside the lock, and per call: a refused call never reaches the group.
    const canonicalData = assertAppendMany(appends, conditions);
    refuseNul(appends, conditions);
    await initMerkle(); // leaves are hashed inside the transaction, once seqs are known
    return whileConnected(() => this.appender.submit({ appends, canonicalData, conditions }));
  }

  async readLeaves(fromSeq: number, toSeq: number): Promise<Uint8Array> {
    return whileConnected(() => this.ledger.readLeaves(fromSeq, toSeq));
  }

  async readOfTypes(fromSeq: number, toSeq: number, types: readonly string[]): Promise<StoredEvent[]> {
    return whileConnected(() => this.ledger.readOfTypes(fromSeq, toSeq, types));
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return whileConnected(() => this.ledger.readStream(stream));
  }

  /** One query for them all; a missing stream gets an empty array. */
  async readStreams(streams: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    return whileConnected(() => this.ledger.readStreams(streams));
  }

  async readAll(fromSeq: number, limit: number): Promise<StoredEvent[]> {
    return whileConnected(() => this.ledger.readAll(fromSeq, limit));
  }

  async headSeq(): Promise<number> {
    return whileConnected(() => this.ledger.head());
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.notifications.start();
    const subscription: CatchUpSubscription = new CatchUpSubscription((fromSeq, limit) => this.readAll(fromSeq, limit), options, {
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
      retryReadsAfterMs: this.pollIntervalMs,
      onEnd: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Closes the subscriptions (waiting for running handlers), the listener, then the pool. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      await this.notifications.close();
      await this.pool.end();
    })();
    return this.closing;
  }
}

/** A server that does not answer a connection attempt in this long is reported down (health), not waited for. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * PostgreSQL text cannot hold U+0000 (json holds it escaped, as JSON.stringify writes it): such a
 * stream, type or recordedAt would fail the whole group's transaction, so it is refused here.
 */
function refuseNul(appends: readonly StreamAppend[], conditions: readonly StreamCondition[]): void {
  for (const { stream } of [...appends, ...conditions])
    if (stream.includes('\u0000')) throw new RangeError(`stream name contains U+0000, which PostgreSQL text cannot hold`);
  for (const { events } of appends) {
    for (const { id, type, recordedAt } of events) {
      if (type.includes('\u0000') || recordedAt.includes('\u0000'))
        throw new RangeError(`event ${id}: type or recordedAt contains U+0000, which PostgreSQL text cannot hold`);
    }
  }
}
