import { canonicalEventJsonWithData, leavesOfTexts } from '@stackledger/merkle';
import type { Pool, PoolClient } from 'pg';
import { checkConditions, checkExpectedRevision, findReplay } from '../append-rules';
import type { AppendResult, StoredEvent, StreamAppend, StreamCondition } from '../event-store.port';
import { PostgresLedger, PostgresRow, storedOfPostgresRow } from './postgres-ledger';

/** One caller's `appendMany`, checked: each append's events' data as canonical JSON, for their leaves. */
export interface CheckedAppends {
  appends: readonly StreamAppend[];
  canonicalData: string[][];
  conditions: readonly StreamCondition[];
}

export type Outcome = { ok: AppendResult[] } | { error: unknown };

interface Waiting {
  input: CheckedAppends;
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

/** Events per transaction at most, unless a single call brings more. */
const MAX_GROUP_EVENTS = 10_000;

/**
 * Group commit over the ledger head's lock. One append transaction at a time per store: calls that
 * arrive while it runs wait and go together into the next one, which locks the head, reads what
 * the checks need for all of them at once, decides each call in order as if alone, inserts every
 * accepted row in one statement and commits once. A refused call refuses only itself; a failed
 * transaction fails every call in it, having stored nothing. Nothing resolves before the commit.
 */
export class PostgresAppender {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(
    private readonly pool: Pool,
    private readonly ledger: PostgresLedger,
    private readonly committed: () => void,
  ) {}

  submit(input: CheckedAppends): Promise<AppendResult[]> {
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.takeGroup();
      let outcomes: Outcome[];
      try {
        outcomes = await this.transaction(group.map((w) => w.input));
      } catch (error) {
        group.forEach((w) => w.reject(error));
        continue;
      }
      if (outcomes.some((o) => 'ok' in o && o.ok.some((r) => !r.duplicate))) this.committed();
      outcomes.forEach((o, i) => ('ok' in o ? group[i].resolve(o.ok) : group[i].reject(o.error)));
    }
    this.running = false;
  }

  private takeGroup(): Waiting[] {
    let events = 0;
    let taken = 0;
    while (taken < this.waiting.length) {
      const size = this.waiting[taken].input.appends.reduce((n, a) => n + a.events.length, 0);
      if (taken > 0 && events + size > MAX_GROUP_EVENTS) break;
      events += size;
      taken++;
    }
    return this.waiting.splice(0, taken);
  }

  /**
   * READ COMMITTED on purpose: each statement after the lock sees every append committed before
   * the lock was granted (under REPEATABLE READ the snapshot would predate the wait).
   */
  private async transaction(inputs: CheckedAppends[]): Promise<Outcome[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const head = await this.ledger.lockHead(client);
      const appends = inputs.flatMap((input) => input.appends);
      const stored = await this.ledger.storedByIds(
        client,
        appends.flatMap((a) => a.events.map((e) => e.id)),
      );
      const conditions = inputs.flatMap((input) => input.conditions);
      const revisions = await this.ledger.streamRevisions(client, [...new Set([...appends, ...conditions].map((a) => a.stream))]);
      const { outcomes, rows } = planGroup(inputs, head, stored, revisions);
      if (rows.length > 0) await this.ledger.insert(client, rows, head);
      await client.query('COMMIT');
      return outcomes;
    } catch (error) {
      broken = await rollback(client, error);
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** Rolls back; returns the error when the connection is unusable, so the pool drops it. */
async function rollback(client: PoolClient, cause: unknown): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch {
    return cause instanceof Error ? cause : new Error(String(cause));
  }
}

/**
 * Decides each call of a group in order, as if it ran alone after the ones before it: `stored`
 * and `revisions` are what the database holds for the group's ids and streams; each accepted call
 * adds its events and revisions for the next. Returns each call's outcome and the rows to insert,
 * seqs from `head + 1`, leaves computed. Preconditions: keccak initialised (`initMerkle`).
 */
export function planGroup(
  inputs: readonly CheckedAppends[],
  head: number,
  stored: ReadonlyMap<string, StoredEvent>,
  revisions: ReadonlyMap<string, number>,
): { outcomes: Outcome[]; rows: PostgresRow[] } {
  const known = new Map(stored);
  const current = new Map(revisions);
  const rows: PostgresRow[] = [];
  const outcomes = inputs.map((input): Outcome => {
    try {
      const planned = planCall(input, head + rows.length + 1, known, current);
      for (const row of planned.rows) rows.push(row);
      for (const event of planned.appended) known.set(event.id, event);
      for (const result of planned.results) if (!result.duplicate) current.set(result.events[0].stream, result.revision);
      return { ok: planned.results };
    } catch (error) {
      return { error };
    }
  });
  return { outcomes, rows };
}

/** One call's appends (streams and ids distinct within it, as `assertAppendMany` checked). */
function planCall(
  { appends, canonicalData, conditions }: CheckedAppends,
  firstSeq: number,
  known: ReadonlyMap<string, StoredEvent>,
  current: ReadonlyMap<string, number>,
): { results: AppendResult[]; rows: PostgresRow[]; appended: StoredEvent[] } {
  checkConditions(conditions, (stream) => current.get(stream));
  const rows: PostgresRow[] = [];
  const appended: StoredEvent[] = [];
  const results = appends.map(({ stream, events, expected }, a): AppendResult => {
    const replay = findReplay(stream, events, (id) => known.get(id));
    if (replay) return { revision: replay[replay.length - 1].revision, events: replay, duplicate: true };
    const last = current.get(stream);
    checkExpectedRevision(stream, expected, last ?? 'no-stream');
    const seq = firstSeq + rows.length;
    const mine = events.map((event, i): PostgresRow => {
      const { id, type, data, metadata, recordedAt } = event;
      return [seq + i, id, stream, (last ?? -1) + 1 + i, type, JSON.stringify(data), JSON.stringify(metadata), recordedAt, EMPTY];
    });
    // The returned copy is parsed back from the stored text, so callers see exactly what a read gives.
    const copies = mine.map(storedOfPostgresRow);
    // One call into WASM per append; the data's canonical text is what a read gives too.
    const leaves = leavesOfTexts(copies.map((event, i) => canonicalEventJsonWithData(event, canonicalData[a][i])));
    mine.forEach((row, i) => (row[8] = leaves.subarray(i * 32, i * 32 + 32)));
    rows.push(...mine);
    appended.push(...copies);
    return { revision: copies[copies.length - 1].revision, events: copies, duplicate: false };
  });
  return { results, rows, appended };
}

/** Set once the append's leaves are hashed, all in one batch. */
const EMPTY = new Uint8Array(0);
