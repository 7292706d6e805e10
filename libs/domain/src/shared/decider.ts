/** An event as the domain sees it: `type` equals the event's name and never changes meaning. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

export interface Command<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

export interface Decider<C, E, S> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}

export function fold<E, S>(decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/** Reached only when a stored event or a command has a type this code does not know. */
export function unknownType(kind: 'event' | 'command', value: never): never {
  const type = (value as { type?: unknown } | undefined)?.type;
  throw new Error(`unknown ${kind} type: ${String(type)}`);
}
