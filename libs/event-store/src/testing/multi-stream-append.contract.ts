import { MultiStreamAppend } from '../event-store.capabilities';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.port';
import { offered } from './offered';
import type { StoreAccessor } from './event-store.contract';
import { newEvent, newEvents, seqs } from './event-fixtures';

export function describeMultiStreamAppendContract(store: StoreAccessor): void {
  describe('MultiStreamAppend', () => {
    const many = () => offered(store, MultiStreamAppend);

    it('appends to several streams with contiguous seqs, in the order given', async () => {
      await store().append('a', newEvents(1), 'no-stream');
      const results = await many().appendMany([
        { stream: 'b', events: newEvents(2, 10), expected: 'no-stream' },
        { stream: 'a', events: newEvents(1, 20), expected: 0 },
      ]);
      expect(results.map((r) => [seqs(r.events), r.revision, r.duplicate])).toEqual([
        [[2, 3], 1, false],
        [[4], 1, false],
      ]);
      expect((await store().readAll(1, 10)).map((e) => `${e.stream}@${e.revision}`)).toEqual(['a@0', 'b@0', 'b@1', 'a@1']);
    });

    it('stores nothing when one stream has the wrong expected revision', async () => {
      await store().append('a', newEvents(1), 'no-stream');
      await expect(
        many().appendMany([
          { stream: 'b', events: newEvents(2, 10), expected: 'no-stream' },
          { stream: 'a', events: newEvents(1, 20), expected: 'no-stream' },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store().headSeq()).toBe(1);
      expect(await store().readStream('b')).toEqual([]);
    });

    it('refuses an id given to two streams, and a stream named twice', async () => {
      const shared = newEvent(1);
      await expect(
        many().appendMany([
          { stream: 'a', events: [shared], expected: 'any' },
          { stream: 'b', events: [shared], expected: 'any' },
        ]),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(
        many().appendMany([
          { stream: 'a', events: newEvents(1), expected: 'any' },
          { stream: 'a', events: newEvents(1, 5), expected: 'any' },
        ]),
      ).rejects.toThrow(/twice/);
      expect(await store().headSeq()).toBe(0);
    });

    it('returns the stored copies for a retried multi-stream append', async () => {
      const appends = [
        { stream: 'a', events: newEvents(1), expected: 'no-stream' as const },
        { stream: 'b', events: newEvents(1, 5), expected: 'no-stream' as const },
      ];
      const first = await many().appendMany(appends);
      const again = await many().appendMany(appends);
      expect(again.map((r) => r.duplicate)).toEqual([true, true]);
      expect(again.map((r) => seqs(r.events))).toEqual(first.map((r) => seqs(r.events)));
      expect(await store().headSeq()).toBe(2);
    });

    it('appends under conditions only while each condition stream is still at its revision', async () => {
      await store().append('issuer', newEvents(2), 'no-stream');
      const result = await many().appendMany(
        [{ stream: 'learner', events: newEvents(1, 10), expected: 'no-stream' }],
        [
          { stream: 'issuer', expected: 1 },
          { stream: 'never-written', expected: 'no-stream' },
        ],
      );
      expect(result.map((r) => [seqs(r.events), r.revision])).toEqual([[[3], 0]]);
      // The condition stream gets nothing: a condition is read, never written.
      expect((await store().readStream('issuer')).map((e) => e.revision)).toEqual([0, 1]);

      await store().append('issuer', newEvents(1, 20), 1); // the state a decision was made from changes
      for (const conditions of [[{ stream: 'issuer', expected: 1 }], [{ stream: 'learner', expected: 'no-stream' as const }]]) {
        await expect(
          many().appendMany([{ stream: 'other-learner', events: newEvents(1, 30), expected: 'no-stream' }], conditions),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      }
      expect(await store().headSeq()).toBe(4);
      expect(await store().readStream('other-learner')).toEqual([]);
    });

    it('refuses a condition on a stream the call appends to, or at a bad revision, storing nothing', async () => {
      await expect(
        many().appendMany([{ stream: 'a', events: newEvents(1), expected: 'any' }], [{ stream: 'a', expected: 'no-stream' }]),
      ).rejects.toThrow(/both appended to and a condition/);
      await expect(
        many().appendMany([{ stream: 'a', events: newEvents(1), expected: 'any' }], [{ stream: 'b', expected: -1 }]),
      ).rejects.toThrow(/bad condition revision/);
      expect(await store().headSeq()).toBe(0);
    });
  });
}
