import { canonicalJson } from '@stackledger/merkle';
import { EventNotCanonicalError, NewEvent } from './event-store.port';

/**
 * The event's `data` as canonical JSON (RFC 8785: what its Merkle leaf is taken over), after
 * checking that everything stored of the event has such a form; otherwise `EventNotCanonicalError`
 * naming the value. Canonical JSON holds only well-formed strings (no lone UTF-16 surrogate, member
 * names included), finite numbers, plain objects (an undefined member is dropped, as JSON drops it)
 * and arrays without undefined items. `canonicalJson` itself judges `data`, so what is accepted
 * here is exactly what can be hashed later. Metadata is not hashed, but it is stored beside the
 * event and exported to auditors, so its strings are held to the same rule.
 */
export function canonicalDataOf(stream: string, event: NewEvent): string {
  checkText(event.id, 'stream', stream);
  checkText(event.id, 'type', event.type);
  checkText(event.id, 'recordedAt', event.recordedAt);
  const metadataFlaw = event.metadata === undefined ? { reason: 'missing', path: [] } : flawOf(event.metadata, 0);
  if (metadataFlaw) refuse(event.id, 'metadata', metadataFlaw);
  try {
    return canonicalJson(event.data);
  } catch (error) {
    // The walk below only names the culprit; canonicalJson's refusal is the verdict.
    const flaw = event.data === undefined ? { reason: 'missing', path: [] } : flawOf(event.data, 0);
    return refuse(event.id, 'data', flaw ?? { reason: error instanceof Error ? error.message : String(error), path: [] });
  }
}

function checkText(eventId: string, path: string, value: unknown): void {
  if (typeof value !== 'string') throw new EventNotCanonicalError(eventId, path, 'not a string');
  if (!value.isWellFormed()) throw new EventNotCanonicalError(eventId, path, LONE_SURROGATE);
}

function refuse(eventId: string, root: string, flaw: Flaw): never {
  throw new EventNotCanonicalError(eventId, root + flaw.path.reverse().join(''), flaw.reason);
}

const LONE_SURROGATE = 'a lone UTF-16 surrogate';
/** Deeper than this, a value is refused: it is absurd for an event, and it is how a cycle shows. */
const MAX_DEPTH = 256;

/** Why a value has no canonical JSON form, and where (path segments from the flaw up to the root). */
interface Flaw {
  reason: string;
  path: string[];
}

function flawOf(value: unknown, depth: number): Flaw | undefined {
  switch (typeof value) {
    case 'string':
      return value.isWellFormed() ? undefined : { reason: LONE_SURROGATE, path: [] };
    case 'number':
      return Number.isFinite(value) ? undefined : { reason: `the non-finite number ${value}`, path: [] };
    case 'boolean':
      return undefined;
    case 'object':
      if (value === null) return undefined;
      if (depth >= MAX_DEPTH) return { reason: `nesting deeper than ${MAX_DEPTH} levels (or a cycle)`, path: [] };
      return Array.isArray(value) ? arrayFlaw(value, depth + 1) : objectFlaw(value, depth + 1);
    default:
      return { reason: `a ${typeof value}, which JSON cannot hold`, path: [] };
  }
}

function arrayFlaw(items: readonly unknown[], depth: number): Flaw | undefined {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const flaw = item === undefined ? { reason: 'undefined (or a hole) in an array', path: [] } : flawOf(item, depth);
    if (flaw) {
      flaw.path.push(`[${i}]`);
      return flaw;
    }
  }
  return undefined;
}

function objectFlaw(obj: object, depth: number): Flaw | undefined {
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null)
    return { reason: `a ${proto?.constructor?.name ?? 'non-plain'} object, not a plain one`, path: [] };
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const member = (obj as Record<string, unknown>)[keys[i]];
    if (member === undefined) continue;
    if (!keys[i].isWellFormed()) return { reason: `${LONE_SURROGATE} in a member name`, path: [] };
    const flaw = flawOf(member, depth);
    if (flaw) {
      flaw.path.push(`.${keys[i]}`);
      return flaw;
    }
  }
  return undefined;
}
