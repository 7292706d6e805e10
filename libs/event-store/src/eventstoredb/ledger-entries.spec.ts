import { randomUUID } from 'node:crypto';
import { deterministicEventId } from '../deterministic-event-id';
import { LedgerEntries } from './ledger-entries';

describe('LedgerEntries', () => {
  const fill = (count: number) => {
    const entries = new LedgerEntries();
    const ids = Array.from({ length: count }, () => randomUUID());
    ids.forEach((id, i) => entries.push({ commit: BigInt(1000 + i * 10), prepare: BigInt(1000 + i * 10 + (i % 3)) }, id));
    return { entries, ids };
  };

  it('maps ids, seqs and positions both ways past several growths', () => {
    const { entries, ids } = fill(5000);
    expect(entries.length).toBe(5000);
    ids.forEach((id, i) => expect(entries.seqOfId(id)).toBe(i + 1));
    expect(entries.seqOfId(randomUUID())).toBeUndefined();
    expect(entries.positionOf(4321)).toEqual({ commit: 1000n + 4320n * 10n, prepare: 1000n + 4320n * 10n + 0n });
    expect(entries.seqAt(entries.positionOf(4321)!)).toBe(4321);
    expect(entries.seqAt({ commit: 1001n, prepare: 1001n })).toBeUndefined();
    expect([entries.positionOf(0), entries.positionOf(5001)]).toEqual([undefined, undefined]);
  });

  it('finds upper-case and deterministic (v5) ids', () => {
    const entries = new LedgerEntries();
    const v5 = deterministicEventId('issuer:1', 'key-1', 0);
    entries.push({ commit: 1n, prepare: 1n }, v5);
    expect(entries.seqOfId(v5.toUpperCase())).toBe(1);
  });

  it('refuses an id that is not a UUID', () => {
    expect(() => new LedgerEntries().push({ commit: 1n, prepare: 1n }, 'not-a-uuid')).toThrow(TypeError);
  });
});
