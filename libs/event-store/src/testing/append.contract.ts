import { WrongExpectedRevisionError } from '../event-store.port';
import type { StoreAccessor } from './event-store.contract';
import { newEvent, newEvents, range, seqs } from './event-fixtures';

export function describeAppendContract(store: StoreAccessor): void {
  describe('append', () => {
    it("creates a stream with 'no-stream' and returns the stored events", async () => {
      const events = newEvents(2);
      const result = await store().append('learner-1', events, 'no-stream');
      expect(result.duplicate).toBe(false);
      expect(result.revision).toBe(1);
      expect(result.events.map((e) => [e.id, e.stream, e.revision, e.seq])).toEqual([
        [events[0].id, 'learner-1', 0, 1],
        [events[1].id, 'learner-1', 1, 2],
      ]);
    });

    it("rejects 'no-stream' on an existing stream and stores nothing", async () => {
      await store().append('learner-1', [newEvent(0)], 'no-stream');
      const attempt = store().append('learner-1', [newEvent(1)], 'no-stream');
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(attempt).rejects.toMatchObject({ stream: 'learner-1', expected: 'no-stream', actual: 0 });
      expect(await store().readStream('learner-1')).toHaveLength(1);
      expect(await store().headSeq()).toBe(1);
    });

    it('accepts the exact revision and rejects a stale one', async () => {
      await store().append('learner-1', newEvents(2), 'no-stream');
      const ok = await store().append('learner-1', [newEvent(2)], 1);
      expect(ok.revision).toBe(2);
      const stale = store().append('learner-1', [newEvent(3)], 1);
      await expect(stale).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', expected: 1, actual: 2 });
      expect(await store().readStream('learner-1')).toHaveLength(3);
    });

    it('rejects a numeric revision on a missing stream', async () => {
      const attempt = store().append('learner-404', [newEvent(0)], 0);
      await expect(attempt).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 'no-stream' });
      expect(await store().headSeq()).toBe(0);
    });

    it("accepts 'any' on a missing and on an existing stream", async () => {
      expect((await store().append('anchor', [newEvent(0)], 'any')).revision).toBe(0);
      expect((await store().append('anchor', newEvents(2, 1), 'any')).revision).toBe(2);
    });

    it('stores a multi-event append atomically: all or nothing', async () => {
      await store().append('learner-1', [newEvent(0)], 'no-stream');
      await expect(store().append('learner-1', newEvents(3, 1), 'no-stream')).rejects.toThrow(WrongExpectedRevisionError);
      expect(await store().readAll(1, 100)).toHaveLength(1);
      await store().append('learner-1', newEvents(3, 1), 0);
      expect((await store().readStream('learner-1')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it('numbers seq contiguously from 1 across streams', async () => {
      await store().append('issuer-1', newEvents(2), 'no-stream');
      await store().append('learner-1', [newEvent(2)], 'no-stream');
      await store().append('issuer-1', newEvents(3, 3), 1);
      expect(seqs(await store().readAll(1, 100))).toEqual(range(1, 6));
      expect(await store().headSeq()).toBe(6);
    });

    it('lets exactly one of concurrent appends with the same expected revision win', async () => {
      await store().append('learner-1', [newEvent(0)], 'no-stream');
      const attempts = range(1, 10).map((n) => store().append('learner-1', [newEvent(n)], 0));
      const outcomes = await Promise.allSettled(attempts);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      lost.forEach((o) => expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError));
      const stream = await store().readStream('learner-1');
      expect(stream).toHaveLength(2);
      expect(stream[1].id).toBe((won[0] as PromiseFulfilledResult<{ events: { id: string }[] }>).value.events[0].id);
      expect(await store().headSeq()).toBe(2);
    });
  });
}
