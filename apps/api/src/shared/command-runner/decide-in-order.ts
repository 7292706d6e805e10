import { Decider, decodeEvent, DomainEvent } from '@stackledger/domain';
import { NewEvent, StoredEvent, StreamAppend } from '@stackledger/event-store';
import { toNewEvent } from './idempotency';
import { AnyStreamCommand, CommandContext, RunOptions, StreamState } from './stream-command';

type AnyDecider = Decider<unknown, DomainEvent, unknown>;

/** Folds a stream as stored: each event decoded (upcast, and checked to be one of the decider's) at this boundary. */
export function foldHistory<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: readonly StoredEvent[]): StreamState<S> {
  let state = decider.initialState();
  for (const stored of history) state = decider.evolve(state, decodeEvent(decider, stored));
  return { state, revision: history.length === 0 ? 'no-stream' : history[history.length - 1].revision };
}

/** Each stream a write names, with its decider, in the order first named. */
export function decidersByStream(commands: readonly AnyStreamCommand[]): Map<string, AnyDecider> {
  const deciders = new Map<string, AnyDecider>();
  for (const { stream, decider } of commands) {
    const named = deciders.get(stream);
    if (named === undefined) deciders.set(stream, decider);
    else if (named !== decider) throw new Error(`stream ${stream} is named with two different deciders in one write`);
  }
  return deciders;
}

export interface Decision {
  /** One append per stream that decided events, in the order the streams were first named. */
  appends: StreamAppend[];
  /** Where each decided event lands, in decision order: [index in `appends`, position in its events]. */
  placed: [number, number][];
}

/**
 * Decides every command in order against its stream's state, each stream folded once. A refusal
 * throws and nothing is appended: the write is all or nothing.
 */
export function decideInOrder(
  commands: readonly AnyStreamCommand[],
  deciders: ReadonlyMap<string, AnyDecider>,
  histories: ReadonlyMap<string, readonly StoredEvent[]>,
  context: CommandContext,
  atCommand: RunOptions['atCommand'],
): Decision {
  const folded = new Map([...deciders].map(([stream, decider]) => [stream, foldHistory(decider, histories.get(stream) ?? [])] as const));
  const states = new Map([...folded].map(([stream, { state }]) => [stream, state] as const));
  const commandsLeft = new Map<string, number>();
  for (const { stream } of commands) commandsLeft.set(stream, (commandsLeft.get(stream) ?? 0) + 1);
  const decided = new Map<string, NewEvent[]>([...deciders.keys()].map((stream) => [stream, []]));
  const placedIn: [string, number][] = [];
  commands.forEach(({ stream, decider, command }, index) => {
    const state = states.get(stream);
    const decide = () => decider.decide(command, state);
    const events = atCommand ? atCommand(index, decide) : decide();
    const left = commandsLeft.get(stream)! - 1;
    commandsLeft.set(stream, left);
    // Only a later command for the same stream reads the evolved state: most writes name each stream once.
    if (left > 0)
      states.set(
        stream,
        events.reduce((s, e) => decider.evolve(s, e), state),
      );
    const list = decided.get(stream)!;
    for (const event of events) {
      placedIn.push([stream, list.length]);
      list.push(toNewEvent(event, placedIn.length - 1, context));
    }
  });
  const appends: StreamAppend[] = [];
  const slot = new Map<string, number>();
  for (const [stream, events] of decided) {
    if (events.length === 0) continue;
    slot.set(stream, appends.length);
    appends.push({ stream, events, expected: folded.get(stream)!.revision });
  }
  return { appends, placed: placedIn.map(([stream, position]) => [slot.get(stream)!, position]) };
}
