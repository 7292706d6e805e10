import { canonicalJson } from './canonical-json';
import { toBytes32, toHex, type Bytes32Like } from './hex';
import { keccak256, keccak256Utf8 } from './keccak';

/**
 * The six fields of a stored event that are hashed (libs/verifier/VERIFYING.md, "Hashing").
 * `metadata` (actor, idempotency and correlation ids) is deliberately left out: it is
 * operational, may be redacted, and is not part of the public record a verifier checks.
 */
export interface EventEnvelope {
  /** 1-based global ordinal. */
  readonly seq: number;
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  /** ISO-8601 UTC, exactly as stored. */
  readonly recordedAt: string;
}

/**
 * The JCS text of an event: exactly `{data, id, recordedAt, seq, stream, type}`, whatever other
 * properties `envelope` carries.
 *
 * Preconditions: `seq` is a positive safe integer; `id`, `stream`, `type`, `recordedAt` are
 * strings; `data` is JSON (see {@link canonicalJson}). Throws `TypeError` otherwise.
 */
export function canonicalEventJson(envelope: EventEnvelope): string {
  const { seq, id, stream, type, data, recordedAt } = envelope;
  checkEnvelope(envelope);
  if (data === undefined) throw new TypeError('event data must be present');
  return canonicalJson({ seq, id, stream, type, data, recordedAt });
}

/**
 * {@link canonicalEventJson} for a caller that already holds `canonicalJson(data)`: the same text,
 * built around it without walking the data again (the SQLite store canonicalises each event's data
 * once, when it checks an append, and hashes the leaf from that).
 *
 * Preconditions: as {@link canonicalEventJson} for the five other fields; `canonicalData` is exactly
 * `canonicalJson(data)` of the event's data (it is not checked).
 */
export function canonicalEventJsonWithData(envelope: Omit<EventEnvelope, 'data'>, canonicalData: string): string {
  checkEnvelope(envelope);
  const { seq, id, stream, type, recordedAt } = envelope;
  // The members in JCS order (UTF-16 code units): data < id < recordedAt < seq < stream < type.
  return `{"data":${canonicalData},"id":${canonicalJson(id)},"recordedAt":${canonicalJson(recordedAt)},"seq":${seq},"stream":${canonicalJson(stream)},"type":${canonicalJson(type)}}`;
}

function checkEnvelope({ seq, id, stream, type, recordedAt }: Omit<EventEnvelope, 'data'>): void {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new TypeError(`event seq must be a positive safe integer, got ${seq}`);
  for (const [name, v] of [
    ['id', id],
    ['stream', stream],
    ['type', type],
    ['recordedAt', recordedAt],
  ] as const) {
    if (typeof v !== 'string') throw new TypeError(`event ${name} must be a string`);
  }
}

/** `keccak256(utf8(JCS(envelope)))` as bytes. Preconditions: as {@link canonicalEventJson}; keccak initialised. */
export function eventHashBytes(envelope: EventEnvelope): Uint8Array {
  return keccak256Utf8(canonicalEventJson(envelope));
}

/** `eventHash = keccak256(utf8(JCS({seq, id, stream, type, data, recordedAt})))` as 0x-hex. */
export function eventHash(envelope: EventEnvelope): string {
  return toHex(eventHashBytes(envelope));
}

/**
 * The Merkle leaf of an event: `keccak256(eventHash)`, hashing the 32 raw bytes (not the hex
 * text). The second hash makes a leaf (hash of 32 bytes) impossible to pass off as an inner node
 * (hash of 64 bytes), closing the second-preimage trick on proofs.
 *
 * Preconditions: `eventHash` is 32 bytes or 0x-hex of 32 bytes; keccak initialised.
 */
export function leafBytesOf(eventHash: Bytes32Like): Uint8Array {
  return keccak256(toBytes32(eventHash));
}

/** {@link leafBytesOf} as 0x-hex. */
export function leafOf(eventHash: Bytes32Like): string {
  return toHex(leafBytesOf(eventHash));
}

/** The leaf of an event envelope in one step: `leafOf(eventHash(envelope))`. */
export function eventLeaf(envelope: EventEnvelope): string {
  return toHex(keccak256(eventHashBytes(envelope)));
}

/**
 * The revocation key of a credential: `keccak256(utf8(JCS(document)))`, over the document exactly
 * as issued (salt included: the salt is what keeps the key from revealing a guessable document).
 *
 * Preconditions: `credential` is a plain JSON object; keccak initialised.
 */
export function credentialKey(credential: Readonly<Record<string, unknown>>): string {
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential)) {
    throw new TypeError('credential must be a JSON object');
  }
  return toHex(keccak256Utf8(canonicalJson(credential)));
}
