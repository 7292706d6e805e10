import { StoredEvent } from '../event-store.port';
import type { StoreAccessor } from './event-store.contract';
import { newEvent, newEvents, range, recordingSubscription, seqs } from './event-fixtures';
import { pause, waitFor } from './wait-for';

async function appendOneByOne(store: StoreAccessor, count: number, from: number): Promise<void> {
  for (let n = from; n < from + count; n++) await store().append(`learner-${n % 4}`, [newEvent(n)], 'any');
}

export function describeSubscriptionContract(store: StoreAccessor): void {
  describe('catch-up subscription', () => {
    it('delivers stored events from 0, then live ones, in order and once', async () => {
      await appendOneByOne(store, 5, 0);
      const { seen, sub } = recordingSubscription(store(), 0);
      await waitFor(() => seen.length >= 5, '5 stored events');
      await appendOneByOne(store, 3, 5);
      await store().append('learner-9', newEvents(2, 8), 'no-stream');
      await waitFor(() => seen.length >= 10, '10 events');
      await sub.close();
      expect(seqs(seen)).toEqual(range(1, 10));
      expect(seen[9]).toEqual((await store().readAll(10, 1))[0]);
    });

    it('starts after the checkpoint', async () => {
      await appendOneByOne(store, 6, 0);
      const { seen, sub } = recordingSubscription(store(), 4);
      await waitFor(() => seen.length >= 2, 'events 5 and 6');
      await appendOneByOne(store, 1, 6);
      await waitFor(() => seen.length >= 3, 'event 7');
      await sub.close();
      expect(seqs(seen)).toEqual([5, 6, 7]);
    });

    it('neither skips nor repeats events appended during the catch-up', async () => {
      await appendOneByOne(store, 150, 0);
      const seen: StoredEvent[] = [];
      const sub = store().subscribe({
        afterSeq: 0,
        handler: async (event) => {
          seen.push(event);
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      await appendOneByOne(store, 60, 150);
      await waitFor(() => seen.length >= 210, '210 events');
      await pause(50);
      await sub.close();
      expect(seqs(seen)).toEqual(range(1, 210));
    });

    it('runs handlers one at a time', async () => {
      let running = 0;
      let maxRunning = 0;
      let handled = 0;
      const sub = store().subscribe({
        afterSeq: 0,
        handler: async () => {
          maxRunning = Math.max(maxRunning, ++running);
          await pause(2);
          running--;
          handled++;
        },
      });
      await Promise.all(range(0, 9).map((n) => store().append(`learner-${n}`, [newEvent(n)], 'no-stream')));
      await waitFor(() => handled >= 10, '10 handled events');
      await sub.close();
      expect(maxRunning).toBe(1);
    });

    it('stops delivering after close()', async () => {
      await appendOneByOne(store, 2, 0);
      const first = recordingSubscription(store(), 0);
      await waitFor(() => first.seen.length >= 2, 'two events');
      await first.sub.close();
      await appendOneByOne(store, 1, 2);
      const second = recordingSubscription(store(), 2);
      await waitFor(() => second.seen.length >= 1, 'the barrier subscription to see event 3');
      await pause(300);
      await second.sub.close();
      expect(seqs(first.seen)).toEqual([1, 2]);
    });

    it('close() waits for the running handler to finish', async () => {
      await appendOneByOne(store, 2, 0);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const finished: number[] = [];
      let started = false;
      const sub = store().subscribe({
        afterSeq: 0,
        handler: async (event) => {
          started = true;
          await gate;
          finished.push(event.seq);
        },
      });
      await waitFor(() => started, 'the first handler call');
      let closed = false;
      const closing = sub.close().then(() => (closed = true));
      await pause(50);
      expect(closed).toBe(false);
      release();
      await closing;
      expect(finished).toEqual([1]);
    });

    it('passes a handler rejection to onError and stops', async () => {
      await appendOneByOne(store, 3, 0);
      const failure = new Error('projection broke');
      const errors: unknown[] = [];
      const handled: number[] = [];
      const sub = store().subscribe({
        afterSeq: 0,
        handler: async (event) => {
          if (event.seq === 2) throw failure;
          handled.push(event.seq);
        },
        onError: (error) => errors.push(error),
      });
      await waitFor(() => errors.length > 0, 'onError');
      await appendOneByOne(store, 1, 3);
      await pause(300);
      await sub.close();
      expect(errors).toEqual([failure]);
      expect(handled).toEqual([1]);
    });
  });
}
