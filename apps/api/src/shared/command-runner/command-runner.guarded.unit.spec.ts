import { DomainError } from '@stackledger/domain';
import { EventStore, InMemoryEventStore } from '@stackledger/event-store';
import { CommandRunner } from './command-runner';
import { CommandContext, streamCommand } from './stream-command';
import { portOnly } from './testing/port-only';
import { count, counted, noWait, tallyDecider } from './testing/tally.decider';

/**
 * `runGuarded`: commands made from the state of a stream the write reads but does not write (in the
 * service: an issuer's stream, whose live keys decide a signed issuance). Here the guard is a tally
 * stream standing for "how much may be added"; a write to it after it was read must not let a
 * decision made from the old state land.
 */
const context: CommandContext = { actor: 'issuer', recordedAt: '2026-01-01T00:00:00.000Z' };
const totals = async (store: EventStore, stream: string) => (await store.readStream(stream)).map((e) => e.data.total);
const guard = { stream: 'allowance', decider: tallyDecider };

/** Adds the allowance to the tally; an allowance of 0 (withdrawn) refuses, as a revoked key does. */
const addAllowance = (allowance: number) => {
  if (allowance === 0) throw new DomainError('KEY.REVOKED', 'the allowance was withdrawn', 'allowance');
  return [streamCommand('tally', tallyDecider, count(allowance))];
};

describe('CommandRunner.runGuarded', () => {
  it('a write to the guard stream between its read and the append makes the write start over and be decided again: refused here', async () => {
    const store = new InMemoryEventStore();
    await store.append('allowance', [counted(5)], 'no-stream');
    const seen: number[] = [];
    const outcome = new CommandRunner(store, noWait).runGuarded(context, guard, (allowance) => {
      seen.push(allowance);
      // The authority withdraws the allowance after the first read of it, before the append.
      if (seen.length === 1) void store.append('allowance', [counted(0)], 0);
      return addAllowance(allowance);
    });
    await expect(outcome).rejects.toMatchObject({ code: 'KEY.REVOKED' });
    expect(seen).toEqual([5, 0]);
    expect(await totals(store, 'tally')).toEqual([]);
  });

  it('with the guard unchanged, appends once and leaves the guard stream as it was', async () => {
    const store = new InMemoryEventStore();
    await store.append('allowance', [counted(5)], 'no-stream');
    const outcome = await new CommandRunner(store, noWait).runGuarded(context, guard, addAllowance);
    expect(outcome.events.map((e) => [e.stream, e.data.total])).toEqual([['tally', 5]]);
    expect(await totals(store, 'allowance')).toEqual([5]);
  });

  it('a guard changed to another still-acceptable state: the write is decided from the new state', async () => {
    const store = new InMemoryEventStore();
    await store.append('allowance', [counted(5)], 'no-stream');
    let reads = 0;
    const outcome = await new CommandRunner(store, noWait).runGuarded(context, guard, (allowance) => {
      if (reads++ === 0) void store.append('allowance', [counted(7)], 0);
      return addAllowance(allowance);
    });
    expect(outcome.events.map((e) => e.data.total)).toEqual([7]);
    expect(reads).toBe(2);
  });

  it('refuses commands that write the guard stream itself (it is read, never written, by the write it guards)', async () => {
    const store = new InMemoryEventStore();
    const outcome = new CommandRunner(store, noWait).runGuarded(context, guard, () => [streamCommand('allowance', tallyDecider, count(1))]);
    await expect(outcome).rejects.toThrow(/guard stream allowance is written by the write it guards/);
    expect(await store.headSeq()).toBe(0);
  });

  it('on a store without MultiStreamAppend (EventStoreDB) a one-stream write still goes through, by a plain append', async () => {
    const store = new InMemoryEventStore();
    await store.append('allowance', [counted(5)], 'no-stream');
    const appended: string[] = [];
    const plain = portOnly(store);
    const append = plain.append;
    plain.append = (stream, events, expected) => (appended.push(stream), append(stream, events, expected));
    const outcome = await new CommandRunner(plain, noWait).runGuarded(context, guard, addAllowance);
    expect(outcome.events.map((e) => [e.stream, e.data.total])).toEqual([['tally', 5]]);
    expect(appended).toEqual(['tally']);
  });
});
