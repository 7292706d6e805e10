import { canonicalJson } from '@stackledger/merkle';
import { NewEvent, StoredEvent } from '../event-store.port';
import type { StoreAccessor } from './event-store.contract';
import { newEvent, newEvents, range, seqs } from './event-fixtures';

const awkwardData = {
  z: 'last key first',
  a: { nested: { deeper: [1, 2, { b: 2, a: 1 }] }, empty: {}, list: [] },
  unicode: 'Zoë 学分 🎓 \u05e9\u05dc\u05d5\u05dd e\u0301',
  escapes: 'quote " backslash \\ newline \n tab \t nul \u0000',
  numbers: { big: Number.MAX_SAFE_INTEGER, negative: -12345, fraction: 0.1, zero: 0 },
  flags: [true, false, null],
  '': 'empty key',
};

const awkwardEvent = (): NewEvent =>
  newEvent(0, {
    type: 'CredentialIssued',
    data: awkwardData,
    metadata: { actor: 'issuer:ü', idempotencyKey: 'k-1', requestHash: 'ab'.repeat(32), correlationId: 'c', causationId: 'd' },
    recordedAt: '2025-03-04T05:06:07.089Z',
  });

/**
 * Data as given, key order included, or as its canonical text: key order is not part of the record,
 * so an adapter may keep data canonical (the text its hash is taken over). Metadata is kept verbatim.
 */
function expectVerbatim(stored: StoredEvent, given: NewEvent): void {
  expect([JSON.stringify(given.data), canonicalJson(given.data)]).toContain(JSON.stringify(stored.data));
  expect(JSON.stringify(stored.metadata)).toBe(JSON.stringify(given.metadata));
  expect(stored.data).toEqual(given.data);
  expect(stored.metadata).toEqual(given.metadata);
  expect([stored.id, stored.type, stored.recordedAt]).toEqual([given.id, given.type, given.recordedAt]);
}

export function describeReadContract(store: StoreAccessor): void {
  describe('reads', () => {
    it('readStream returns the events in revision order', async () => {
      await store().append('learner-1', newEvents(2), 'no-stream');
      await store().append('issuer-1', [newEvent(2)], 'no-stream');
      await store().append('learner-1', [newEvent(3)], 1);
      const stream = await store().readStream('learner-1');
      expect(stream.map((e) => [e.revision, e.seq, e.data])).toEqual([
        [0, 1, { n: 0 }],
        [1, 2, { n: 1 }],
        [2, 4, { n: 3 }],
      ]);
    });

    it('readStream of a missing stream is empty, and an empty store has head 0', async () => {
      expect(await store().readStream('learner-404')).toEqual([]);
      expect(await store().readAll(1, 10)).toEqual([]);
      expect(await store().headSeq()).toBe(0);
    });

    it('readAll pages through all streams in global order', async () => {
      for (let n = 0; n < 7; n++) await store().append(`learner-${n % 3}`, [newEvent(n)], 'any');
      expect(seqs(await store().readAll(1, 3))).toEqual([1, 2, 3]);
      expect(seqs(await store().readAll(4, 3))).toEqual([4, 5, 6]);
      expect(seqs(await store().readAll(7, 3))).toEqual([7]);
      expect(await store().readAll(8, 3)).toEqual([]);
      const all = await store().readAll(1, 100);
      expect(all.map((e) => [e.stream, e.data.n])).toEqual(range(0, 6).map((n) => [`learner-${n % 3}`, n]));
    });

    it('reads the same event from readStream, readAll and the append result', async () => {
      const { events } = await store().append('learner-1', [newEvent(0)], 'no-stream');
      expect(await store().readStream('learner-1')).toEqual(events);
      expect(await store().readAll(1, 1)).toEqual(events);
    });

    it('keeps data (verbatim or canonical), metadata and recordedAt verbatim (unicode, nesting, key order)', async () => {
      const given = awkwardEvent();
      const result = await store().append('learner-1', [given], 'no-stream');
      expectVerbatim(result.events[0], given);
      expectVerbatim((await store().readStream('learner-1'))[0], given);
      expectVerbatim((await store().readAll(1, 1))[0], given);
    });
  });
}
