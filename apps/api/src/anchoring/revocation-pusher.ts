import { anchoredThroughSeq } from '@stackledger/domain';
import { EventStore, StoredEvent } from '@stackledger/event-store';
import { AnchorChain, ChainReceipt, MAX_REVOKE_KEYS, SentTransaction } from './anchor-chain.port';
import { AnchorLog, AnchorRecord } from './anchor-log';
import { revocationKeys, revocationsIn } from './revocation-keys';

export interface RevocationPushOptions {
  /** Keys per transaction (default MAX_REVOKE_KEYS, the most under half the gas cap). */
  keysPerTransaction?: number;
  /** Transactions in flight at once (default 16: what a public node's pool takes from one sender). */
  window?: number;
  /** A stretch without revocations at least this long is recorded as passed, so it is not scanned again (default 10,000 seqs). */
  markSpan?: number;
  onSent?(keys: number): void;
  onConfirmed?(keys: number): void;
}

export interface RevocationPushResult {
  /** Keys confirmed on chain by this push. */
  keys: number;
  transactions: number;
  /** Every revocation up to this seq is on chain now. */
  throughSeq: number;
  /** Why the push stopped early; what was confirmed before it is recorded. */
  error?: Error;
}

interface Chunk {
  fromSeq: number;
  toSeq: number;
  events: StoredEvent[];
}

/**
 * Pushes the revocations of anchored batches on chain, in as many `revoke` transactions as it
 * takes, each under half the per-transaction gas cap. They go back to back with consecutive nonces
 * (up to `window` in flight) and are recorded in order, one `RevocationsPushed` per confirmed
 * transaction, so a crash loses at most the transactions in flight: the next push starts after the
 * last record, resending only those (`revoke` is idempotent), and never re-reads the chain key by key.
 */
export class RevocationPusher {
  private readonly keysPerTransaction: number;
  private readonly window: number;
  private readonly markSpan: number;

  constructor(
    private readonly store: EventStore,
    private readonly chain: AnchorChain,
    private readonly log: AnchorLog,
    private readonly options: RevocationPushOptions = {},
  ) {
    this.keysPerTransaction = Math.min(options.keysPerTransaction ?? MAX_REVOKE_KEYS, MAX_REVOKE_KEYS);
    this.window = options.window ?? 16;
    this.markSpan = options.markSpan ?? 10_000;
  }

  /** Pushes the revocations after the record's mark up to the last anchored seq. */
  async push(record: AnchorRecord): Promise<RevocationPushResult> {
    const fromSeq = record.state.revocationsThroughSeq + 1;
    const toSeq = anchoredThroughSeq(record.state);
    const result: RevocationPushResult = { keys: 0, transactions: 0, throughSeq: fromSeq - 1 };
    if (toSeq < fromSeq) return result;
    const events = await revocationsIn(this.store, fromSeq, toSeq);
    let current = record;
    if (events.length === 0) {
      if (toSeq - fromSeq + 1 < this.markSpan) return result;
      try {
        await this.log.decide(current, { type: 'RecordRevocationsPushed', data: { fromSeq, toSeq, keys: 0 } });
        return { ...result, throughSeq: toSeq };
      } catch (error) {
        return { ...result, error: asError(error) };
      }
    }

    const inFlight: { chunk: Chunk; keys: number; confirmed: Promise<ChainReceipt> }[] = [];
    let settleError: unknown;
    /** Awaits and records the `count` oldest transactions in flight, in order; stops at the first failure. */
    const settle = async (count = 1) => {
      try {
        for (let i = 0; i < count; i++) {
          const { chunk, keys, confirmed } = inFlight.shift()!;
          const receipt = await confirmed;
          current = await this.log.decide(current, {
            type: 'RecordRevocationsPushed',
            data: { fromSeq: chunk.fromSeq, toSeq: chunk.toSeq, keys, receipt },
          });
          result.keys += keys;
          result.throughSeq = chunk.toSeq;
          this.options.onConfirmed?.(keys);
        }
      } catch (error) {
        settleError = error;
        throw error;
      }
    };
    let sendError: unknown;
    try {
      for (const chunk of this.chunks(events, fromSeq, toSeq)) {
        const keys = [...new Set(await revocationKeys(this.store, chunk.events))];
        inFlight.push({ chunk, keys: keys.length, confirmed: waitFor(await this.chain.sendRevoke(keys)) });
        result.transactions++;
        this.options.onSent?.(keys.length);
        if (inFlight.length >= this.window) await settle();
      }
    } catch (error) {
      sendError = error;
    }
    // What was sent before a failed send is still awaited and recorded; after a failed wait nothing
    // more is, or the records would leave a gap.
    if (!settleError) await settle(inFlight.length).catch(() => undefined);
    const error = settleError ?? sendError;
    if (error !== undefined) result.error = asError(error);
    return result;
  }

  /** Consecutive runs of revocations, `keysPerTransaction` each; their ranges tile `fromSeq..toSeq`. */
  private *chunks(events: StoredEvent[], fromSeq: number, toSeq: number): Generator<Chunk> {
    for (let i = 0, from = fromSeq; i < events.length; i += this.keysPerTransaction) {
      const slice = events.slice(i, i + this.keysPerTransaction);
      const last = i + this.keysPerTransaction >= events.length;
      const to = last ? toSeq : slice[slice.length - 1].seq;
      yield { fromSeq: from, toSeq: to, events: slice };
      from = to + 1;
    }
  }
}

/** Starts waiting at once, so receipts are fetched while the next chunks are signed and sent; a wait never awaited (after a failure) is not an unhandled rejection. */
function waitFor(sent: SentTransaction): Promise<ChainReceipt> {
  const confirmed = sent.wait();
  confirmed.catch(() => undefined);
  return confirmed;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
