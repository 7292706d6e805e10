/** An event as the domain sees it: `type` equals the event's name and never changes meaning. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

export interface Command<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/**
 * A stream's rules: the state its events fold into, and the events a command adds. `eventTypes`
 * names the events of its stream at their current version; a stored event is decoded into one of
 * them (upcast first) before `evolve` sees it, and any other type is refused.
 */
export interface Decider<C, E extends DomainEvent, S> {
  readonly eventTypes: readonly E['type'][];
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}

export function fold<E extends DomainEvent, S>(decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/** Reached only when a stored event or a command has a type this code does not know. */
export function unknownType(kind: 'event' | 'command', value: never): never {
  const type = (value as { type?: unknown } | undefined)?.type;
  throw new Error(`unknown ${kind} type: ${String(type)}`);
}
