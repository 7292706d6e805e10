import { Decider, DomainEvent, isDomainError, issuerDecider, issuerStream } from '@stackledger/domain';
import { EventStore, InMemoryEventStore } from '@stackledger/event-store';
import { bodyOf } from '../../errors/http-exception.filter';
import { isApplicationError } from '../../errors/application-error';
import { CommandRunner } from './command-runner';
import { CommandContext, streamCommand } from './stream-command';
import { portOnly } from './testing/port-only';
import { count, counted, Counted, noWait, tallyDecider } from './testing/tally.decider';

const context: CommandContext = { actor: 'admin', recordedAt: '2026-01-01T00:00:00.000Z' };
const keyed = (idempotencyKey: string, requestHash: string): CommandContext => ({ ...context, idempotencyKey, requestHash });
const totals = async (store: EventStore, stream: string) => (await store.readStream(stream)).map((e) => e.data.total);
const tally = (stream: string, by: number) => streamCommand(stream, tallyDecider, count(by));

/** Another writer appends to the stream right after each of the first `races` reads, so the append that follows conflicts. */
function racing(store: InMemoryEventStore, races: number): { store: EventStore; reads: () => number } {
  let reads = 0;
  const racy = portOnly(store);
  racy.readStream = async (stream) => {
    const history = await store.readStream(stream);
    if (reads++ < races) await store.append(stream, [counted(100 * reads)], 'any');
    return history;
  };
  return { store: racy, reads: () => reads };
}

describe('CommandRunner', () => {
  it('decides against the latest state after a concurrent write, reading the stream again', async () => {
    const store = new InMemoryEventStore();
    const race = racing(store, 2);
    const outcome = await new CommandRunner(race.store, noWait).run(context, [tally('tally-1', 5)]);
    expect(race.reads()).toBe(3);
    expect(outcome.events.map((e) => e.data)).toEqual([{ total: 205 }]);
    expect(await totals(store, 'tally-1')).toEqual([100, 200, 205]);
  });

  it('gives up after its retries with STREAM.CONCURRENCY_CONFLICT, storing nothing of its own', async () => {
    const store = new InMemoryEventStore();
    const race = racing(store, 100);
    const error = await new CommandRunner(race.store, noWait).run(context, [tally('tally-1', 5)]).catch((e: unknown) => e);
    expect(isApplicationError(error, 'STREAM.CONCURRENCY_CONFLICT')).toBe(true);
    expect(race.reads()).toBe(noWait.retries + 1);
    expect(await totals(store, 'tally-1')).toEqual([100, 200, 300, 400]);
  });

  it('decides several commands in order, a later one for the same stream seeing the earlier one, and answers in decision order', async () => {
    const store = new InMemoryEventStore();
    await store.append('tally-b', [counted(10)], 'no-stream');
    const outcome = await new CommandRunner(store).run(context, [tally('tally-a', 1), tally('tally-b', 2), tally('tally-a', 3)]);
    expect(outcome.events.map((e) => [e.stream, e.data.total])).toEqual([
      ['tally-a', 1],
      ['tally-b', 12],
      ['tally-a', 4],
    ]);
    // One atomic append: the streams in the order first named, each stream's events together.
    expect(outcome.events.map((e) => e.seq)).toEqual([2, 4, 3]);
  });

  it('stores nothing when one of several commands is refused, and lets the refusal be labelled', async () => {
    const store = new InMemoryEventStore();
    const atCommand = <T>(index: number, decide: () => T): T => {
      try {
        return decide();
      } catch (error) {
        throw Object.assign(error as Error, { message: `item ${index}: ${(error as Error).message}` });
      }
    };
    const attempt = new CommandRunner(store).run(context, [tally('tally-a', 1), tally('tally-b', 0)], { atCommand });
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION.RANGE', message: 'item 1: by must be positive' });
    expect(await store.headSeq()).toBe(0);
  });

  it('answers 501 (STREAM.MULTI_STREAM_UNSUPPORTED) to a write across streams on a store without MultiStreamAppend, storing nothing', async () => {
    const store = new InMemoryEventStore();
    const runner = new CommandRunner(portOnly(store));
    for (const attempt of [
      runner.run(context, [tally('tally-a', 1), tally('tally-b', 1)]),
      runner.run(context, [tally('tally-a', 1)], { atomicAcrossStreams: true }),
    ]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(isApplicationError(error, 'STREAM.MULTI_STREAM_UNSUPPORTED') && bodyOf(error).statusCode).toBe(501);
    }
    expect(await runner.run(context, [tally('tally-a', 1)])).toMatchObject({ replayed: false, events: [{ data: { total: 1 } }] });
    expect(await store.headSeq()).toBe(1);
  });

  it('replays a request made again with its Idempotency-Key, and refuses the key with another request', async () => {
    const store = new InMemoryEventStore();
    const runner = new CommandRunner(store);
    const write = [tally('tally-a', 1), tally('tally-b', 2), tally('tally-a', 3)];
    const first = await runner.run(keyed('k-1', 'body-1'), write);
    const again = await runner.run(keyed('k-1', 'body-1'), write);
    expect(again).toEqual({ replayed: true, events: first.events });
    expect(await store.headSeq()).toBe(3);
    await expect(runner.run(keyed('k-1', 'body-2'), write)).rejects.toMatchObject({
      code: 'IDEMPOTENCY.KEY_REUSED',
      field: 'Idempotency-Key',
    });
    // The key's first id is stored in another stream than this request reads: the store's refusal, told apart by class.
    await expect(runner.run(keyed('k-1', 'body-3'), [tally('tally-c', 1)])).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await store.headSeq()).toBe(3);
  });

  it('decodes stored events at the boundary: a v1 IssuerRegistered folds as v2, an event the decider does not name is refused', async () => {
    const store = new InMemoryEventStore();
    const registered = {
      issuerId: 'i1',
      name: 'N',
      country: 'IN',
      accreditationCode: 'A',
      contactEmail: 'a@b.cd',
      registeredAt: context.recordedAt,
      apiKeyHash: 'ab'.repeat(32),
    };
    await store.append(issuerStream('i1'), [{ ...counted(0), type: 'IssuerRegistered', data: registered }], 'no-stream');
    const runner = new CommandRunner(store);
    expect(await runner.read(issuerStream('i1'), issuerDecider)).toEqual({
      state: { status: 'active', issuerId: 'i1', name: 'N', keys: {} },
      revision: 0,
    });
    await store.append(
      'tally-x',
      [{ ...counted(0), type: 'IssuerSuspended', data: { issuerId: 'i1', suspendedAt: context.recordedAt } }],
      'no-stream',
    );
    await expect(runner.run(context, [tally('tally-x', 1)])).rejects.toThrow(/stored IssuerSuspended event is not one of Counted/);
  });

  it('turns a store refusal of an uncanonical event into a 400 naming where the value sits, storing nothing', async () => {
    const store = new InMemoryEventStore();
    const careless: Decider<{ title: string }, DomainEvent<'Titled', { title: string }>, null> = {
      eventTypes: ['Titled'],
      initialState: () => null,
      evolve: () => null,
      decide: (command) => [{ type: 'Titled', data: { title: command.title } }],
    };
    const error = await new CommandRunner(store)
      .run(context, [streamCommand('thing-1', careless, { title: 'a \ud800' })])
      .catch((e: unknown) => e);
    expect(isDomainError(error, 'VALIDATION.FORMAT')).toBe(true);
    expect(error).toMatchObject({
      kind: 'validation',
      field: 'data.title',
      message: expect.stringMatching(/lone UTF-16 surrogate at data\.title/),
    });
    expect(await store.headSeq()).toBe(0);
  });

  describe('decideAt: a state the caller holds, as a lock', () => {
    it('appends at the revision the caller read and returns the state after it', async () => {
      const store = new InMemoryEventStore();
      const runner = new CommandRunner(store);
      const read = await runner.read('tally-1', tallyDecider);
      const first = await runner.decideAt(read, tally('tally-1', 2), context);
      const second = await runner.decideAt(first, tally('tally-1', 3), context);
      expect([first.state, first.revision, second.state, second.revision]).toEqual([2, 0, 5, 1]);
      expect(second.events.map((e) => (e.data as Counted['data']).total)).toEqual([5]);
    });

    it('fails, without retrying, when anyone wrote after that revision', async () => {
      const store = new InMemoryEventStore();
      const runner = new CommandRunner(store);
      const read = await runner.read('tally-1', tallyDecider);
      await store.append('tally-1', [counted(7)], 'any');
      const error = await runner.decideAt(read, tally('tally-1', 2), context).catch((e: unknown) => e);
      expect(isApplicationError(error, 'STREAM.CONCURRENCY_CONFLICT')).toBe(true);
      expect(await totals(store, 'tally-1')).toEqual([7]);
    });
  });
});
