import { join } from 'node:path';
import { PostgresLogReader, SqliteEventStore, StoredEvent } from '@stackledger/event-store';
import { ALL_PROJECTIONS, InMemoryDocuments, learnerBalance, LearnerBalance, LearnerView } from '@stackledger/projections';

/**
 * Every event in DATA_DIR/ledger.sqlite, read through a connection of our own (WAL lets it run
 * beside the service); or, given `databaseUrl`, every event of the PostgreSQL store there.
 */
export async function readLog(dataDir: string, databaseUrl?: string): Promise<StoredEvent[]> {
  if (databaseUrl) return readPostgresLog(databaseUrl);
  const store = SqliteEventStore.open(join(dataDir, 'ledger.sqlite'));
  try {
    return await store.readAll(1, Number.MAX_SAFE_INTEGER);
  } finally {
    await store.close();
  }
}

async function readPostgresLog(url: string): Promise<StoredEvent[]> {
  const reader = await PostgresLogReader.open(url);
  const events: StoredEvent[] = [];
  try {
    for await (const rows of reader.pages())
      for (const [seq, id, stream, revision, type, data, metadata, recordedAt] of rows)
        events.push({ seq, id, stream, revision, type, data, metadata, recordedAt });
  } finally {
    await reader.close();
  }
  return events;
}

/** The balances a from-zero fold of the log gives: the reference the live read models must equal. */
export function foldBalances(events: StoredEvent[], learnerIds: string[], now = new Date()): Map<string, LearnerBalance> {
  const docs = new InMemoryDocuments(ALL_PROJECTIONS);
  for (const event of events) docs.apply(event);
  const out = new Map<string, LearnerBalance>();
  for (const id of learnerIds) {
    const view = docs.get<LearnerView>('learner', id) ?? { learnerId: id, credentials: {}, transfers: {} };
    out.set(id, learnerBalance(view, now, docs.lastSeq));
  }
  return out;
}

/** Seqs are exactly 1..n. */
export function seqGaps(events: StoredEvent[]): number[] {
  return events.flatMap((event, i) => (event.seq === i + 1 ? [] : [i + 1]));
}

/** "4.5" -> 450, exactly, with no float on the way. */
export function hundredths(decimal: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(decimal);
  if (!match) throw new Error(`not a canonical credit string: "${decimal}"`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** issued - (available + transferred + revoked + expired + stacked), in hundredths: must be 0. */
export function invariantGap(
  balance: Pick<LearnerBalance, 'issued' | 'available' | 'transferred' | 'revoked' | 'expired' | 'stacked'>,
): number {
  const parts = [balance.available, balance.transferred.total, balance.revoked, balance.expired, balance.stacked].map(hundredths);
  return hundredths(balance.issued) - parts.reduce((a, b) => a + b, 0);
}

/** Credentials named by more than one transfer, or stacked into more than one qualification. */
export function doubleUses(events: StoredEvent[]): { transferred: string[]; stacked: string[] } {
  const transferred = new Map<string, number>();
  const stacked = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'CreditsTransferred')
      for (const id of event.data.credentialIds as string[]) transferred.set(id, (transferred.get(id) ?? 0) + 1);
    if (event.type === 'QualificationAwarded') {
      const components = (event.data.credential as { components: string[] }).components;
      for (const id of components) stacked.set(id, (stacked.get(id) ?? 0) + 1);
    }
  }
  const twice = (counts: Map<string, number>) => [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  return { transferred: twice(transferred), stacked: twice(stacked) };
}

/** The balance without `asOfSeq` (which legitimately differs between a live read and a fold). */
export function comparable(balance: LearnerBalance): Omit<LearnerBalance, 'asOfSeq'> {
  const { asOfSeq: _ignored, ...rest } = balance;
  return rest;
}
