import { createHash } from 'node:crypto';
import { uuidText } from './uuid-text';

/**
 * The StackLedger namespace for event ids (a random v4 UUID drawn once). Changing it would change
 * every deterministic id, so a command retried across the change would be stored twice: never edit.
 */
export const STACKLEDGER_EVENT_NAMESPACE = 'afd302b5-4efe-47b9-bfd1-bf9622573be2';

/** True for a UUID in its canonical 8-4-4-4-12 hexadecimal text form (any version, any case). */
export function isUuid(value: string): boolean {
  // Checked char by char: every appended event passes here, and the regex took ~1.5% of bulk issuance.
  if (typeof value !== 'string' || value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) return false;
  }
  return true;
}

/**
 * A name-based UUID, version 5 (RFC 4122 section 4.3 / RFC 9562 section 5.5): SHA-1 of the
 * namespace's 16 bytes followed by the UTF-8 bytes of `name`, truncated to 16 bytes, with the
 * version nibble set to 5 and the variant bits to 10. Output is lower-case.
 * Preconditions: `namespace` is a UUID in canonical text form (else throws `TypeError`).
 */
export function uuidv5(name: string, namespace: string): string {
  if (!isUuid(namespace)) throw new TypeError(`namespace is not a UUID: ${namespace}`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return uuidText(bytes);
}

/**
 * The id of the `index`-th event (0-based) produced by a command that `actor` sent with
 * `idempotencyKey`: a retried command yields the same ids, so the store recognises the retry.
 * Preconditions: `index` is a non-negative safe integer; `actor` and `idempotencyKey` contain no
 * newline (the separator), so that distinct inputs cannot collide.
 */
export function deterministicEventId(actor: string, idempotencyKey: string, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad event index: ${index}`);
  if (actor.includes('\n') || idempotencyKey.includes('\n')) {
    throw new RangeError('actor and idempotency key must not contain a newline');
  }
  return uuidv5(`${actor}\n${idempotencyKey}\n${index}`, STACKLEDGER_EVENT_NAMESPACE);
}
