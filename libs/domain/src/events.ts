import { IssuerEvent } from './issuer/issuer.events';
import { LearnerEvent } from './learner/learner.events';
import { PathwayEvent } from './pathway/pathway.events';

export type StackLedgerEvent = IssuerEvent | LearnerEvent | PathwayEvent;
export type EventType = StackLedgerEvent['type'];

/** Every event type the domain writes. A type is never changed in place: a new shape is a new type. */
export const EVENT_TYPES = [
  'IssuerRegistered.v2',
  'IssuerSuspended',
  'IssuerReinstated',
  'IssuerApiKeyRotated',
  'CredentialIssued',
  'CredentialRevoked',
  'CreditsTransferred',
  'PathwayDefined',
  'QualificationAwarded',
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

/** For deciders and projections folding stored events: `{type, data}` at the current version. */
export function upcastEvent<E extends { type: string; data: object }>(event: { type: string; data: object }): E {
  return upcast(event.type, event.data as Record<string, unknown>) as unknown as E;
}
