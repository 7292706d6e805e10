import { ALL_PROJECTIONS } from './all-projections';
import { foldBatch } from './batch-fold';
import { InMemoryDocuments } from './in-memory-documents';
import { InMemoryRebuild } from './in-memory-rebuild';
import { ProjectedEvent } from './projection';
import { ledgerHistory } from './testing/ledger-history';

const projectedHistory = (size: number): ProjectedEvent[] =>
  ledgerHistory(size)
    .flatMap(({ stream, events }) => events.map((e) => ({ stream, type: e.type, data: e.data, recordedAt: e.recordedAt })))
    .map((e, i) => ({ ...e, seq: i + 1 }));

describe('InMemoryRebuild', () => {
  it('refuses a gap in seq while folding, and says when the fold holds enough documents', () => {
    const events = projectedHistory(3000);
    const rebuild = new InMemoryRebuild(new InMemoryDocuments(ALL_PROJECTIONS), 500);
    expect(() => rebuild.fold(events[1])).toThrow('read models expected seq 1, got 2');
    let full = -1;
    for (const e of events) if (rebuild.fold(e) && full < 0) full = e.seq;
    expect(full).toBeGreaterThan(0);
    expect(rebuild.documents.size).toBeGreaterThanOrEqual(500);
  });
});

describe('foldBatch', () => {
  it('skips what the checkpoint covers, refuses a gap, and changes each touched document once', () => {
    const events = projectedHistory(200);
    const read: string[] = [];
    const { changes, throughSeq } = foldBatch(ALL_PROJECTIONS, events, 50, (collection, key) => void read.push(`${collection}/${key}`));
    const ids = [...changes].map((c) => `${c.collection}/${c.key}`);
    expect(throughSeq).toBe(200);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(read).size).toBe(read.length);
    expect(() => foldBatch(ALL_PROJECTIONS, events.slice(60), 50, () => undefined)).toThrow('read models expected seq 51, got 61');
  });
});
