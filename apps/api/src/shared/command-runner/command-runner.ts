import { Decider, DomainEvent } from '@stackledger/domain';
import {
  capability,
  EventStore,
  MultiStreamAppend,
  MultiStreamRead,
  StoredEvent,
  StreamCondition,
  WrongExpectedRevisionError,
} from '@stackledger/event-store';
import { decideInOrder, decidersByStream, foldHistory } from './decide-in-order';
import { findReplay, toNewEvent } from './idempotency';
import { backoffMs, DEFAULT_RETRY, RetryPolicy, sleep } from './retry-policy';
import { concurrencyConflict, mapStoreError, multiStreamUnsupported } from './store-errors';
import { AnyStreamCommand, CommandContext, CommandOutcome, Guard, RunOptions, StreamCommand, StreamState } from './stream-command';

/** One attempt's commands, and the condition its append holds under (a guard's revision). */
interface Prepared {
  commands: readonly AnyStreamCommand[];
  condition?: StreamCondition;
}

/**
 * The one write path, Emmett's `handleCommand` for one stream or several: read the streams named
 * (in one call when the store offers `MultiStreamRead`), decode and fold each with its decider,
 * decide every command in order, and append what they decided with the revisions read, atomically
 * across streams (`MultiStreamAppend`). A concurrent write to any of them makes the whole write
 * start over after a backoff, so a decision is always made against the latest state and credits
 * are neither lost nor counted twice. With an idempotency key, a repeated request gets the events
 * it stored the first time. Store refusals come out as application or domain errors.
 */
export class CommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** The stream folded by its decider: the strongly consistent read a decision across streams needs. */
  async read<C, E extends DomainEvent, S>(stream: string, decider: Decider<C, E, S>): Promise<StreamState<S>> {
    const history = await this.store.readStream(stream).catch((error: unknown) => Promise.reject(mapStoreError(error)));
    return foldHistory(decider, history);
  }

  /** Decides and appends `commands`, all or nothing. Returns the stored events in decision order. */
  async run(context: CommandContext, commands: readonly AnyStreamCommand[], options: RunOptions = {}): Promise<CommandOutcome> {
    return this.decideAndAppend(context, async () => ({ commands }), options);
  }

  /**
   * `run` for commands made from the state of a stream the write reads but does not write (`guard`:
   * an issuer's stream, whose live keys and status a signed issuance is decided by). Each attempt
   * reads the guard first and makes the commands from its state; the append then holds only while
   * the guard is still at the revision read (a condition of `MultiStreamAppend`), so a key revoked
   * or an issuer suspended in between makes the write start over and be decided again. A store
   * without `MultiStreamAppend` (EventStoreDB) cannot hold the condition: there the guard is read
   * once per attempt and the gap between that read and the append remains.
   */
  async runGuarded<C, E extends DomainEvent, S>(
    context: CommandContext,
    guard: Guard<C, E, S>,
    commandsFor: (state: S) => readonly AnyStreamCommand[],
    options: RunOptions = {},
  ): Promise<CommandOutcome> {
    return this.decideAndAppend(
      context,
      async () => {
        const { state, revision } = await this.read(guard.stream, guard.decider);
        const commands = commandsFor(state);
        if (commands.some((command) => command.stream === guard.stream))
          throw new Error(`the guard stream ${guard.stream} is written by the write it guards`);
        return { commands, condition: { stream: guard.stream, expected: revision } };
      },
      options,
    );
  }

  /**
   * Decides against a state the caller already holds (`known`, read at `known.revision`) and
   * appends with that revision: no read and no retry, so a write by anyone else in between makes
   * it fail (STREAM.CONCURRENCY_CONFLICT). A process manager that keeps a stream's state across
   * steps uses it as its lock. Returns the state and revision after the append.
   */
  async decideAt<C, E extends DomainEvent, S>(
    known: StreamState<S>,
    { stream, decider, command }: StreamCommand<C, E, S>,
    context: CommandContext,
  ): Promise<StreamState<S> & { events: StoredEvent[] }> {
    const decided = decider.decide(command, known.state);
    if (decided.length === 0) return { ...known, events: [] };
    try {
      const result = await this.store.append(
        stream,
        decided.map((event, index) => toNewEvent(event, index, context)),
        known.revision,
      );
      return { state: decided.reduce((s, e) => decider.evolve(s, e), known.state), revision: result.revision, events: result.events };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError)
        throw concurrencyConflict(`stream ${stream} changed after revision ${known.revision}`);
      throw mapStoreError(error);
    }
  }

  /** The one loop: prepare (read a guard, make the commands), read, decide, append; start over on a concurrent write. */
  private async decideAndAppend(context: CommandContext, prepare: () => Promise<Prepared>, options: RunOptions): Promise<CommandOutcome> {
    const multi = capability(this.store, MultiStreamAppend);
    for (let retry = 0; ; retry++) {
      const { commands, condition } = await prepare();
      const deciders = decidersByStream(commands);
      if ((deciders.size > 1 || options.atomicAcrossStreams === true) && !multi) throw multiStreamUnsupported();
      if (commands.length === 0) return { events: [], replayed: false };
      try {
        const histories = await this.readStreams([...deciders.keys()]);
        const replay = findReplay(histories, context);
        if (replay) return { events: replay, replayed: true };
        const { appends, placed } = decideInOrder(commands, deciders, histories, context, options.atCommand);
        if (appends.length === 0) return { events: [], replayed: false };
        const conditions = condition && multi ? [condition] : [];
        const results =
          appends.length > 1 || conditions.length > 0
            ? await multi!.appendMany(appends, conditions)
            : [await this.store.append(appends[0].stream, appends[0].events, appends[0].expected)];
        return {
          events: placed.map(([append, position]) => results[append].events[position]),
          replayed: results.every((r) => r.duplicate),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || retry >= this.retry.retries) throw mapStoreError(error);
        await sleep(backoffMs(this.retry, retry + 1));
      }
    }
  }

  private async readStreams(streams: string[]): Promise<Map<string, StoredEvent[]>> {
    if (streams.length === 1) return new Map([[streams[0], await this.store.readStream(streams[0])]]);
    const many = capability(this.store, MultiStreamRead);
    if (many) return many.readStreams(streams);
    return new Map(await Promise.all(streams.map(async (stream) => [stream, await this.store.readStream(stream)] as const)));
  }
}
