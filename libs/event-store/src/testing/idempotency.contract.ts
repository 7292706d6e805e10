import { DuplicateEventIdError } from '../event-store.port';
import type { StoreAccessor } from './event-store.contract';
import { newEvent, newEvents } from './event-fixtures';

export function describeIdempotencyContract(store: StoreAccessor): void {
  describe('idempotent retry', () => {
    it('returns the stored copies with duplicate: true and stores once', async () => {
      const events = newEvents(2);
      const first = await store().append('learner-1', events, 'no-stream');
      const retry = await store().append('learner-1', events, 'no-stream');
      expect(retry).toEqual({ ...first, duplicate: true });
      expect(await store().readStream('learner-1')).toHaveLength(2);
      expect(await store().headSeq()).toBe(2);
    });

    it('recognises a retry whatever the expected revision, after later appends', async () => {
      const events = newEvents(2);
      const first = await store().append('learner-1', events, 'no-stream');
      await store().append('learner-1', [newEvent(2)], 1);
      await store().append('issuer-1', [newEvent(3)], 'no-stream');
      for (const expected of ['no-stream', 'any', 0] as const) {
        const retry = await store().append('learner-1', events, expected);
        expect(retry.duplicate).toBe(true);
        expect(retry.events).toEqual(first.events);
        expect(retry.revision).toBe(1);
      }
      expect(await store().headSeq()).toBe(4);
    });

    it('returns the stored copies, not the retried payload', async () => {
      const [event] = newEvents(1);
      const first = await store().append('learner-1', [event], 'no-stream');
      const retry = await store().append('learner-1', [{ ...event, data: { changed: true } }], 'any');
      expect(retry.events).toEqual(first.events);
    });

    it('throws DuplicateEventIdError on a partial overlap and stores nothing', async () => {
      const events = newEvents(2);
      await store().append('learner-1', events, 'no-stream');
      const overlap = store().append('learner-1', [events[1], newEvent(2)], 'any');
      await expect(overlap).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(overlap).rejects.toMatchObject({ eventId: events[1].id });
      expect(await store().headSeq()).toBe(2);
    });

    it('throws DuplicateEventIdError when an id is stored in another stream', async () => {
      const [event] = newEvents(1);
      await store().append('learner-1', [event], 'no-stream');
      const elsewhere = store().append('learner-2', [event], 'any');
      await expect(elsewhere).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store().readStream('learner-2')).toEqual([]);
    });
  });
}
