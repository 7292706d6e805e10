/**
 * The EventStoreDB / KurrentDB adapter of the event store port.
 *
 * Seq: see `SeqIndex` (the ordinal of ledger events in `$all`, computed in process).
 *
 * Idempotency: EventStoreDB's own check only covers a retry written at the very revision it was
 * first written at (or, for `any`, ids still in a bounded per-node cache); a retry after later
 * appends, or the same id in another stream, would be stored a second time. So the adapter checks
 * ids itself against the seq index's id table (complete once caught up with `$all`) before
 * appending, and again when the append fails or the server reports it did not write (a concurrent
 * identical append won). Then it reads the stored copies back. Two processes appending the same
 * new id to two different streams at the same instant can still both succeed: the server offers
 * no cross-stream uniqueness to close that window.
 */
import {
  ANY,
  EventStoreDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { assertAppendable, findReplay } from '../append-rules';
import { CatchUpSubscription } from '../catch-up-subscription';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { readLedgerRange } from './ledger-reader';
import { LedgerLayout, storedFromNew, storedFromRecorded, toEventData } from './ledger-event';
import { SeqIndex } from './seq-index';

const SUBSCRIPTION_PAGE = 256;

export interface EventStoreDbOptions {
  /**
   * Keeps this ledger's streams under a prefix and counts seq over them only: for tests against a
   * shared server, or several ledgers in one database. Default none: the ledger is every
   * non-system stream. Must not begin with `$`.
   */
  streamPrefix?: string;
}

export class EventStoreDbEventStore implements EventStore {
  private readonly layout: LedgerLayout;
  private readonly index: SeqIndex;
  private readonly subscriptions = new Set<CatchUpSubscription>();

  /** Takes ownership of `client`: `close()` disposes of it. */
  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions = {},
  ) {
    this.layout = new LedgerLayout(options.streamPrefix);
    this.index = new SeqIndex(client, this.layout);
  }

  /** e.g. `esdb://localhost:2113?tls=false` (the API's `EVENTSTORE_CONNECTION_STRING`). */
  static fromConnectionString(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(stream, events, expected);
    await this.caughtUpIndex();
    const replay = await this.findStoredReplay(stream, events);
    if (replay) return replay;
    let written: EsdbAppendResult;
    try {
      written = await this.client.appendToStream(this.layout.serverStream(stream), events.map(toEventData), {
        expectedRevision: toEsdbRevision(expected),
      });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      await this.index.catchUp();
      const raced = await this.findStoredReplay(stream, events);
      if (raced) return raced;
      throw new WrongExpectedRevisionError(stream, expected, fromEsdbRevision(error.actualVersion));
    }
    return this.writtenResult(stream, events, written);
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    await this.index.start();
    const recorded = [];
    try {
      for await (const resolved of this.client.readStream(this.layout.serverStream(stream)))
        if (resolved.event) recorded.push(resolved.event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    const last = recorded[recorded.length - 1]?.position;
    if (last) await this.index.ensureSeen(last);
    // A `$`-typed record (a link, say) may sit in an ordinary stream; it is not a ledger event.
    return recorded
      .filter((event) => this.layout.isLedgerRecord(event.streamId, event.type))
      .map((event) => storedFromRecorded(event, this.seqOf(event), this.layout));
  }

  /** Preconditions: `fromSeq` >= 1 (smaller values read from 1), `limit` >= 0. */
  async readAll(fromSeq: number, limit: number): Promise<StoredEvent[]> {
    await this.caughtUpIndex();
    return readLedgerRange(this.client, this.index, Math.max(fromSeq, 1), limit);
  }

  async headSeq(): Promise<number> {
    await this.caughtUpIndex();
    return this.index.length;
  }

  /**
   * Pulls pages of indexed events and sleeps until the seq index grows, so stored and live events
   * take the same path. Live events therefore cost one extra read each: the index keeps
   * positions, not payloads.
   */
  subscribe(options: SubscribeOptions): Subscription {
    let stopWaking = (): void => undefined;
    const subscription = new CatchUpSubscription(
      async (fromSeq, limit) => {
        await this.index.start();
        return readLedgerRange(this.client, this.index, fromSeq, limit);
      },
      options,
      {
        pageSize: SUBSCRIPTION_PAGE,
        onEnd: () => {
          stopWaking();
          this.subscriptions.delete(subscription);
        },
      },
    );
    stopWaking = this.index.onGrowth(() => subscription.notify());
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.index.close();
    await this.client.dispose();
  }

  private async caughtUpIndex(): Promise<void> {
    await this.index.start();
    await this.index.catchUp();
  }

  /**
   * Seqs of just-written events: wait until the index has seen the append's position; that
   * position may be the first event's of the transaction, so read on until every id is indexed.
   * An id still missing means the server did not write (an identical concurrent append won).
   */
  private async writtenResult(stream: string, events: NewEvent[], written: EsdbAppendResult): Promise<AppendResult> {
    if (written.position) await this.index.ensureSeen(written.position);
    let seqs = events.map((event) => this.index.seqOfId(event.id));
    if (seqs.includes(undefined)) {
      await this.index.catchUp();
      seqs = events.map((event) => this.index.seqOfId(event.id));
    }
    if (seqs.includes(undefined)) {
      const replay = await this.findStoredReplay(stream, events);
      if (replay) return replay;
      throw new Error(`append to ${stream} succeeded but its events are not in $all`);
    }
    const revision = Number(written.nextExpectedRevision);
    const first = revision - events.length + 1;
    return {
      revision,
      events: events.map((event, i) => storedFromNew(event, stream, first + i, seqs[i]!)),
      duplicate: false,
    };
  }

  /** Precondition: the index is caught up. Reads back the stored copies of any id already indexed. */
  private async findStoredReplay(stream: string, events: NewEvent[]): Promise<AppendResult | undefined> {
    const known = events.map((event) => this.index.seqOfId(event.id)).filter((seq): seq is number => seq !== undefined);
    if (known.length === 0) return undefined;
    const copies = new Map<string, StoredEvent>();
    for (const seq of known) {
      for (const copy of await readLedgerRange(this.client, this.index, seq, 1)) copies.set(copy.id, copy);
    }
    const stored = findReplay(stream, events, (id) => copies.get(id));
    if (!stored) return undefined;
    return { revision: Math.max(...stored.map((copy) => copy.revision)), events: stored, duplicate: true };
  }

  private seqOf(event: NonNullable<ResolvedEvent['event']>): number {
    const seq = event.position && this.index.seqAt(event.position);
    if (!seq) throw new Error(`event ${event.id} of ${event.streamId} is not in the seq index`);
    return seq;
  }
}

function toEsdbRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

function fromEsdbRevision(actual: bigint | string): number | 'no-stream' {
  return typeof actual === 'bigint' ? Number(actual) : 'no-stream';
}
