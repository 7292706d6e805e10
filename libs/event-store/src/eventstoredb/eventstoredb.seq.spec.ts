import { newEvent, newEvents, range, recordingSubscription, seqs } from '../testing/event-fixtures';
import { waitFor } from '../testing/wait-for';
import { EventStoreDbEventStore } from './eventstoredb.adapter';
import { EventStoreStandIn } from '../../testing/eventstoredb-standin/standin-server';

/** Ledger event ids in raw `$all` order, straight from the stand-in's log. */
function ledgerIdsInAllOrder(standIn: EventStoreStandIn): string[] {
  const ids: string[] = [];
  for (let i = 0; i < standIn.log.length; i++) {
    const record = standIn.log.at(i)!;
    if (!record.stream.startsWith('$') && !record.type.startsWith('$')) ids.push(record.id);
  }
  return ids;
}

describe('eventstoredb seq: the ordinal of ledger events in $all', () => {
  let standIn: EventStoreStandIn;
  const stores: EventStoreDbEventStore[] = [];
  const open = (): EventStoreDbEventStore => {
    const store = EventStoreDbEventStore.fromConnectionString(standIn.connectionString);
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    standIn = await EventStoreStandIn.start({ systemEventEvery: 1 });
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await standIn.stop();
  });

  /** System records in `$`-streams, and a `$`-typed record in an ordinary stream, between ledger events. */
  async function interleave(store: EventStoreDbEventStore): Promise<void> {
    standIn.log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { cpu: 1 });
    await store.append('issuer-1', newEvents(2), 'no-stream');
    standIn.log.appendSystemEvent('$settings', '$settings', {});
    await store.append('learner-1', [newEvent(2)], 'no-stream');
    standIn.log.appendSystemEvent('$ce-learner', '$>', { link: '0@learner-1' });
    await store.append('learner-1', newEvents(3, 3), 0);
    standIn.log.appendSystemEvent('learner-2', '$metadata', { note: 'a $-type in an ordinary stream' });
  }

  it('skips system records interleaved in $all and numbers ledger events 1..n', async () => {
    const store = open();
    await interleave(store);
    const rawIds = ledgerIdsInAllOrder(standIn);
    expect(standIn.log.length).toBeGreaterThan(rawIds.length + 4);
    const all = await store.readAll(1, 100);
    expect(all.map((event) => event.id)).toEqual(rawIds);
    expect(seqs(all)).toEqual(range(1, 6));
    expect(await store.headSeq()).toBe(6);
    expect((await store.readStream('learner-1')).map((event) => event.seq)).toEqual([3, 4, 5, 6]);
    expect(await store.readStream('learner-2')).toEqual([]);
  });

  it('pages by seq across system records', async () => {
    const store = open();
    await interleave(store);
    const paged = [...(await store.readAll(1, 2)), ...(await store.readAll(3, 2)), ...(await store.readAll(5, 2))];
    expect(paged).toEqual(await store.readAll(1, 6));
  });

  it('gives the same seqs in a second adapter instance with its own client', async () => {
    const writer = open();
    await interleave(writer);
    const reader = open();
    expect(await reader.readAll(1, 100)).toEqual(await writer.readAll(1, 100));
    expect(await reader.headSeq()).toBe(6);
  });

  it('follows appends made by another instance, live, with the writer’s seqs', async () => {
    const writer = open();
    const reader = open();
    await interleave(writer);
    const { seen, sub } = recordingSubscription(reader, 0);
    await waitFor(() => seen.length >= 6, 'the stored events');
    const { events: appended } = await writer.append('learner-3', newEvents(2, 6), 'no-stream');
    await waitFor(() => seen.length >= 8, 'the live events');
    await sub.close();
    expect(seen.slice(6)).toEqual(appended);
    expect(seqs(appended)).toEqual([7, 8]);
  });

  it('sees a retry made through another instance as a duplicate', async () => {
    const events = newEvents(2);
    const first = await open().append('learner-1', events, 'no-stream');
    const retry = await open().append('learner-1', events, 'any');
    expect(retry).toEqual({ ...first, duplicate: true });
  });
});

describe('eventstoredb stream prefix', () => {
  it('counts seq over its own streams only, so two ledgers can share a database', async () => {
    const standIn = await EventStoreStandIn.start();
    const a = EventStoreDbEventStore.fromConnectionString(standIn.connectionString, { streamPrefix: 'a/' });
    const b = EventStoreDbEventStore.fromConnectionString(standIn.connectionString, { streamPrefix: 'b/' });
    try {
      await a.append('learner-1', newEvents(2), 'no-stream');
      const { events } = await b.append('learner-1', [newEvent(2)], 'no-stream');
      expect(events.map((event) => [event.stream, event.seq])).toEqual([['learner-1', 1]]);
      expect(await a.headSeq()).toBe(2);
      expect(standIn.log.readStream('b/learner-1')).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await standIn.stop();
    }
  });

  it('refuses a prefix that would make every stream a system stream', () => {
    expect(() => EventStoreDbEventStore.fromConnectionString('esdb://127.0.0.1:1?tls=false', { streamPrefix: '$x' })).toThrow(RangeError);
  });
});
