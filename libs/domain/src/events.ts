import { ANCHOR_EVENT_TYPES, AnchorEvent } from './anchor/anchor.events';
import { ISSUER_EVENT_TYPES, IssuerEvent } from './issuer/issuer.events';
import { LEARNER_EVENT_TYPES, LearnerEvent } from './learner/learner.events';
import { PATHWAY_EVENT_TYPES, PathwayEvent } from './pathway/pathway.events';
import { Decider, DomainEvent } from './shared/decider';

export type StackLedgerEvent = IssuerEvent | LearnerEvent | PathwayEvent | AnchorEvent;
export type EventType = StackLedgerEvent['type'];

/** Every event type the domain writes. A type is never changed in place: a new shape is a new type. */
export const EVENT_TYPES = [
  ...ISSUER_EVENT_TYPES,
  ...LEARNER_EVENT_TYPES,
  ...PATHWAY_EVENT_TYPES,
  ...ANCHOR_EVENT_TYPES,
] as const satisfies readonly EventType[];

type Unlisted = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

export interface RawEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Turns one stored shape into the next version, e.g. `CredentialIssued` -> `CredentialIssued.v2`. */
export type Upcaster = (data: Record<string, unknown>) => RawEvent;

/**
 * Keyed by the stored type. `IssuerRegistered` (v1) kept the API key's hash in its data; v2 keeps it
 * in the event's metadata. The data is otherwise the same, so v1 data is read as v2 as it is: its
 * legacy `apiKeyHash` member stays, for the key projections of ledgers written before v2.
 */
export const UPCASTERS: Readonly<Record<string, Upcaster>> = Object.freeze({
  IssuerRegistered: (data: Record<string, unknown>): RawEvent => ({ type: 'IssuerRegistered.v2', data }),
});

const MAX_UPCAST_STEPS = 32;

/** Applies upcasters until the event reaches a current type; stored data is never modified. */
export function upcastWith(upcasters: Readonly<Record<string, Upcaster>>) {
  return (type: string, data: Record<string, unknown>): RawEvent => {
    let event: RawEvent = { type, data };
    for (let step = 0; Object.hasOwn(upcasters, event.type); step++) {
      if (step === MAX_UPCAST_STEPS) throw new Error(`upcasters for ${type} do not reach a current version`);
      event = upcasters[event.type](event.data);
    }
    return event;
  };
}

export const upcast = upcastWith(UPCASTERS);

/**
 * A stored event as a decider folds it: upcast to its current version, and one of the types the
 * decider names (`eventTypes`), else refused. The store's envelope (seq, id, metadata) stays
 * behind: the domain never sees it.
 */
export function decodeEvent<E extends DomainEvent>(decider: Decider<unknown, E, unknown>, stored: { type: string; data: object }): E {
  const { eventTypes } = decider;
  const event = upcast(stored.type, stored.data as Record<string, unknown>);
  if (!isOneOf(eventTypes, event)) {
    throw new Error(
      `a stored ${stored.type} event is not one of ${eventTypes.join(', ')}: the stream holds an event its rules do not know`,
    );
  }
  return event;
}

/** The stored data is what the domain itself decided, so a known type vouches for its shape. */
function isOneOf<E extends DomainEvent>(eventTypes: readonly E['type'][], event: DomainEvent): event is E {
  return (eventTypes as readonly string[]).includes(event.type);
}
