import { Decider, DomainEvent } from '@stackledger/domain';
import {
  capability,
  EventStore,
  MultiStreamAppend,
  MultiStreamRead,
  StoredEvent,
  WrongExpectedRevisionError,
} from '@stackledger/event-store';
import { decideInOrder, decidersByStream, foldHistory } from './decide-in-order';
import { findReplay, toNewEvent } from './idempotency';
import { backoffMs, DEFAULT_RETRY, RetryPolicy, sleep } from './retry-policy';
import { concurrencyConflict, mapStoreError, multiStreamUnsupported } from './store-errors';
import { AnyStreamCommand, CommandContext, CommandOutcome, RunOptions, StreamCommand, StreamState } from './stream-command';

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
    const deciders = decidersByStream(commands);
    const atomic = deciders.size > 1 || options.atomicAcrossStreams === true;
    if (atomic && !capability(this.store, MultiStreamAppend)) throw multiStreamUnsupported();
    if (commands.length === 0) return { events: [], replayed: false };
    for (let retry = 0; ; retry++) {
      try {
        const histories = await this.readStreams([...deciders.keys()]);
        const replay = findReplay(histories, context);
        if (replay) return { events: replay, replayed: true };
        const { appends, placed } = decideInOrder(commands, deciders, histories, context, options.atCommand);
        if (appends.length === 0) return { events: [], replayed: false };
        const multi = appends.length > 1 ? capability(this.store, MultiStreamAppend)! : undefined;
        const results = multi
          ? await multi.appendMany(appends)
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

  private async readStreams(streams: string[]): Promise<Map<string, StoredEvent[]>> {
    if (streams.length === 1) return new Map([[streams[0], await this.store.readStream(streams[0])]]);
    const many = capability(this.store, MultiStreamRead);
    if (many) return many.readStreams(streams);
    return new Map(await Promise.all(streams.map(async (stream) => [stream, await this.store.readStream(stream)] as const)));
  }
}
