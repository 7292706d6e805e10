import { PostgresCluster, startPostgresCluster } from '../../testing/postgres-cluster/postgres-cluster';
import { StoredEvent } from '../event-store.port';
import { acknowledged, Child, spawnChild } from '../testing/child-process';
import { newEvent, range, seqs } from '../testing/event-fixtures';
import { waitFor } from '../testing/wait-for';
import { PostgresEventStore } from './postgres.adapter';

jest.setTimeout(90_000);

/**
 * Several OS processes, each with its own pool, appending to one database at once while readers
 * catch up: the classic pitfall of a global order in PostgreSQL (seq values handed out in one order,
 * committed in another, so a reader that has seen n + 1 skips n for good) must not happen here.
 */
describe('PostgresEventStore across OS processes', () => {
  let cluster: PostgresCluster;
  let url: string;
  let schema = 0;
  const children: Child[] = [];
  const stores: PostgresEventStore[] = [];
  const readers: { stop(): Promise<void> }[] = [];
  beforeAll(async () => {
    cluster = await startPostgresCluster({ fsync: false });
    url = await cluster.createDatabase('processes');
  });
  afterEach(async () => {
    children.splice(0).forEach((child) => child.process.exitCode === null && child.process.kill('SIGKILL'));
    await Promise.all(readers.splice(0).map((reader) => reader.stop()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(() => cluster?.stop());

  const open = async (name: string, options = {}): Promise<PostgresEventStore> => {
    const store = await PostgresEventStore.connect(url, { schema: name, ...options });
    stores.push(store);
    return store;
  };
  const start = (...args: string[]): Child => {
    const child = spawnChild(args, 'postgres-child.js');
    children.push(child);
    return child;
  };
  const ready = (racers: Child[]) =>
    waitFor(() => racers.every((c) => c.lines.includes('ready')), `children ready (${racers.map((c) => c.stderr()).join('')})`, 30_000);

  /**
   * The naive reader: reads pages from the seq after the last one it saw, and takes what it gets.
   * It never stops on a gap (the subscription would): it records one, which is the event it lost.
   */
  function pagingReader(store: PostgresEventStore): { seen: number[]; skipped: number[]; last(): number; stop(): Promise<void> } {
    const seen: number[] = [];
    const skipped: number[] = [];
    let running = true;
    const loop = (async () => {
      while (running) {
        const page = await store.readAll(seen.length === 0 ? 1 : seen[seen.length - 1] + 1, 200);
        for (const event of page) {
          const expected = seen.length === 0 ? 1 : seen[seen.length - 1] + 1;
          if (event.seq !== expected) skipped.push(...range(expected, event.seq - 1));
          seen.push(event.seq);
        }
      }
    })();
    const reader = { seen, skipped, last: () => seen[seen.length - 1] ?? 0, stop: async () => ((running = false), await loop) };
    readers.push(reader);
    return reader;
  }

  it('keeps seq gapless and in commit order for readers while four processes race appends', async () => {
    const name = `race_${++schema}`;
    const store = await open(name, { pollIntervalMs: 5_000 }); // the subscription is woken by NOTIFY
    const racers = ['a', 'b', 'c', 'd'].map((tag) => start('race', url, name, '400', tag));
    await ready(racers);
    const subscribed: StoredEvent[] = [];
    const errors: unknown[] = [];
    const sub = store.subscribe({ afterSeq: 0, handler: (event) => void subscribed.push(event), onError: (error) => errors.push(error) });
    const pagers = [pagingReader(store), pagingReader(await open(name))];
    racers.forEach((child) => child.process.stdin!.write('go\n'));
    const codes = await Promise.all(racers.map((child) => child.exited));
    expect({ codes, stderr: racers.map((c) => c.stderr()) }).toEqual({ codes: [0, 0, 0, 0], stderr: ['', '', '', ''] });

    const acks = racers.flatMap(acknowledged);
    const head = await store.headSeq();
    expect(head).toBe(4 * (400 + 40 * 2)); // 360 single appends and 40 three-event appendMany each
    expect(acks).toHaveLength(head);
    // Up to the head, or stopped by a gap (the subscription refuses to skip one).
    await waitFor(
      () => (subscribed.length >= head || errors.length > 0) && pagers.every((p) => p.last() >= head),
      'the readers to reach the head',
      15_000,
    );
    await sub.close();
    for (const pager of pagers)
      expect({ skipped: pager.skipped, inOrder: pager.seen.every((s, i) => s === i + 1), count: pager.seen.length }).toEqual({
        skipped: [],
        inOrder: true,
        count: head,
      });
    expect(errors).toEqual([]);
    expect(seqs(subscribed)).toEqual(range(1, head));
    const stored = new Map((await store.readAll(1, head)).map((event) => [event.id, event]));
    for (const ack of acks) expect(stored.get(ack.id)?.seq).toBe(ack.seq);
    for (const stream of range(0, 15).map((s) => `race-${s}`)) {
      const revisions = (await store.readStream(stream)).map((e) => e.revision);
      expect(revisions).toEqual(range(0, revisions.length - 1));
    }
  });

  it('serialises two processes racing on one stream: no lost update, a conflict for every stale write', async () => {
    const name = `shared_${++schema}`;
    const racers = ['p1', 'p2'].map((tag) => start('shared', url, name, '100', tag));
    await ready(racers);
    racers.forEach((child) => child.process.stdin!.write('go\n'));
    const codes = await Promise.all(racers.map((child) => child.exited));
    expect({ codes, stderr: racers.map((c) => c.stderr()) }).toEqual({ codes: [0, 0], stderr: ['', ''] });
    const store = await open(name);
    const shared = await store.readStream('shared');
    expect(shared.map((event) => event.revision)).toEqual(range(0, 199));
    expect(seqs(shared)).toEqual(range(1, 200));
    expect(new Set(racers.flatMap(acknowledged).map((ack) => ack.id))).toEqual(new Set(shared.map((event) => event.id)));
    const conflicts = racers.map((child) => Number(child.lines.find((l) => l.startsWith('done '))!.slice(5)));
    expect(conflicts[0] + conflicts[1]).toBeGreaterThan(0); // the race really happened
  });

  it('loses nothing acknowledged, and blocks nobody, when a writer is killed -9 in the middle of appends', async () => {
    const name = `kill9_${++schema}`;
    const victim = start('kill9', url, name);
    await waitFor(() => acknowledged(victim).length >= 3 * 100, `100 acks (stderr: ${victim.stderr()})`, 30_000);
    victim.process.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    // The server ends the dead connection's transaction, and with it its lock on the head.
    const store = await open(name, { statementTimeoutMs: 10_000 });
    const after = await store.append('after-the-kill', [newEvent(0)], 'no-stream');
    const events = await store.readAll(1, 1_000_000);
    expect(seqs(events)).toEqual(range(1, events.length));
    expect(after.events[0].seq).toBe(events.length);
    expect((events.length - 1) % 3).toBe(0);
    const byId = new Map(events.map((event) => [event.id, event]));
    for (const ack of acknowledged(victim)) expect(byId.get(ack.id)?.seq).toBe(ack.seq);
  });
});
