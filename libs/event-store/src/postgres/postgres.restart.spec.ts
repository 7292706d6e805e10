import { PostgresCluster, startPostgresCluster } from '../../testing/postgres-cluster/postgres-cluster';
import { newEvent } from '../testing/event-fixtures';
import { pause, waitFor } from '../testing/wait-for';
import { StoreUnavailableError } from '../event-store.port';
import { PostgresEventStore } from './postgres.adapter';

jest.setTimeout(90_000);

/**
 * A server restart (or a failover) as the API lives through it: connections end, reads fail for a
 * while, then the same address answers again. The store must carry on by itself; before, the
 * projector's subscription ended at the first failed read and the instance served read models
 * that never moved again until it was restarted.
 */
describe('PostgresEventStore across a server restart', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster({ fsync: false });
  });
  afterAll(() => cluster?.stop());

  it('a subscription retries the reads that fail while the server is down, and delivers what comes after, skipping nothing', async () => {
    const store = await PostgresEventStore.connect(await cluster.createDatabase('restart'), { pollIntervalMs: 200 });
    const seen: number[] = [];
    const errors: unknown[] = [];
    const subscription = store.subscribe({ afterSeq: 0, handler: (event) => void seen.push(event.seq), onError: (e) => errors.push(e) });
    try {
      await store.append('before', [newEvent(1), newEvent(2)], 'no-stream');
      await waitFor(() => seen.length === 2, 'the events before the restart');
      await cluster.restart(async () => {
        store.wake(); // a read now meets no server
        await pause(1_000); // and so do five polls
      });
      await store.append('after', [newEvent(3)], 'no-stream');
      await waitFor(() => seen.length === 3 || errors.length > 0, 'the event after the restart', 15_000);
      expect({ seen, errors }).toEqual({ seen: [1, 2, 3], errors: [] });
      expect(await store.headSeq()).toBe(3);
    } finally {
      await subscription.close();
      await store.close();
    }
  });

  it('appends in flight when the server stops fail, and the process carries on appending after it is back', async () => {
    const store = await PostgresEventStore.connect(await cluster.createDatabase('restart_appends'), { poolSize: 4 });
    const outcomes = { ok: 0, failed: 0 };
    const failures = new Set<string>();
    let running = true;
    const writers = Array.from({ length: 10 }, async (_, w) => {
      for (let i = 0; running; i++) {
        try {
          await store.append(`writer-${w}`, [newEvent(i)], 'any');
          outcomes.ok++;
        } catch (error) {
          failures.add(error instanceof StoreUnavailableError ? 'StoreUnavailableError' : String(error));
          outcomes.failed++;
          await pause(50);
        }
      }
    });
    try {
      await waitFor(() => outcomes.ok >= 50, 'appends before the restart');
      await cluster.restart(() => pause(500));
      const before = outcomes.ok;
      await waitFor(() => outcomes.ok >= before + 50, 'appends after the restart', 15_000);
    } finally {
      running = false;
      await Promise.all(writers);
    }
    expect(outcomes.failed).toBeGreaterThan(0);
    // Told apart from a refused statement, so the API answers 503 and the caller retries.
    expect([...failures]).toEqual(['StoreUnavailableError']);
    // A commit whose answer the restart cut off is stored yet counted as failed: at least every acknowledged one.
    expect(await store.headSeq()).toBeGreaterThanOrEqual(outcomes.ok);
    await store.close();
  });
});
