/**
 * The proof bundle of SPEC section 7 (`format: "stackledger-proof/1"`) and its shape check. The
 * shape is checked before anything is hashed, so every later step works on well-typed values and
 * a hostile bundle gets a reason naming the field instead of an exception.
 */
export const BUNDLE_FORMAT = 'stackledger-proof/1';

/** The credential document fields the verifier reads; the rest is hashed as is. */
export interface BundleCredential {
  readonly id: string;
  readonly issuerId: string;
  readonly learnerId: string;
  readonly title: string;
  readonly credits: string;
  readonly level: number;
  readonly validUntil: string;
  readonly issuedAt?: string;
  readonly [field: string]: unknown;
}

export interface BundleEvent {
  readonly seq: number;
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly data: { readonly credential: Record<string, unknown>; readonly [field: string]: unknown };
  readonly recordedAt: string;
}

export interface ProofBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly credential: BundleCredential;
  readonly event: BundleEvent;
  readonly merkle: {
    readonly leaf: string;
    readonly path: readonly string[];
    readonly batch: { readonly index: number; readonly root: string; readonly fromSeq: number; readonly toSeq: number };
  };
  readonly anchor: { readonly chainId: number; readonly contract: string; readonly txHash: string; readonly blockNumber: number };
}

export type BundleShape = { readonly ok: true; readonly bundle: ProofBundle } | { readonly ok: false; readonly reason: string };

/** A path can never be longer than the depth of a tree of 2^64 leaves. */
export const MAX_PATH_LENGTH = 64;

class ShapeError extends Error {}

const HEX32 = /^0x[0-9a-fA-F]{64}$/;
const HEX20 = /^0x[0-9a-fA-F]{40}$/;
/** ISO-8601 UTC instant as the ledger writes it (fraction optional). */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

const fail = (path: string, want: string, got: unknown): never => {
  throw new ShapeError(`${path} must be ${want}, got ${describe(got)}`);
};

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 70 ? `${v.slice(0, 70)}…` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function object(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, 'an object', v);
  return v as Record<string, unknown>;
}

function string(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v as string;
}

function nonEmpty(v: unknown, path: string): string {
  if (string(v, path).length === 0) fail(path, 'a non-empty string', v);
  return v as string;
}

function integer(v: unknown, path: string, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) fail(path, `an integer >= ${min}`, v);
  return v as number;
}

function hex(v: unknown, path: string, pattern: RegExp, bytes: number): string {
  if (typeof v !== 'string' || !pattern.test(v)) fail(path, `0x-hex of exactly ${bytes} bytes`, v);
  return v as string;
}

function instant(v: unknown, path: string): string {
  if (typeof v !== 'string' || !ISO_UTC.test(v) || Number.isNaN(Date.parse(v))) fail(path, 'an ISO-8601 UTC time', v);
  return v as string;
}

function credentialShape(v: unknown, path: string): BundleCredential {
  const c = object(v, path);
  for (const f of ['id', 'issuerId', 'learnerId', 'title', 'credits']) nonEmpty(c[f], `${path}.${f}`);
  if (typeof c.level !== 'number' || !Number.isFinite(c.level)) fail(`${path}.level`, 'a number', c.level);
  instant(c.validUntil, `${path}.validUntil`);
  if (c.issuedAt !== undefined) instant(c.issuedAt, `${path}.issuedAt`);
  return c as BundleCredential;
}

function eventShape(v: unknown): BundleEvent {
  const e = object(v, 'event');
  integer(e.seq, 'event.seq', 1);
  for (const f of ['id', 'stream', 'type']) nonEmpty(e[f], `event.${f}`);
  string(e.recordedAt, 'event.recordedAt');
  const data = object(e.data, 'event.data');
  object(data.credential, 'event.data.credential');
  return e as unknown as BundleEvent;
}

function merkleShape(v: unknown): ProofBundle['merkle'] {
  const m = object(v, 'merkle');
  hex(m.leaf, 'merkle.leaf', HEX32, 32);
  if (!Array.isArray(m.path)) fail('merkle.path', 'an array', m.path);
  const path = m.path as unknown[];
  if (path.length > MAX_PATH_LENGTH) fail('merkle.path', `at most ${MAX_PATH_LENGTH} hashes`, `${path.length} hashes`);
  path.forEach((p, i) => hex(p, `merkle.path[${i}]`, HEX32, 32));
  const b = object(m.batch, 'merkle.batch');
  integer(b.index, 'merkle.batch.index', 0);
  hex(b.root, 'merkle.batch.root', HEX32, 32);
  const fromSeq = integer(b.fromSeq, 'merkle.batch.fromSeq', 1);
  const toSeq = integer(b.toSeq, 'merkle.batch.toSeq', 1);
  if (toSeq < fromSeq) fail('merkle.batch.toSeq', `at least fromSeq (${fromSeq})`, toSeq);
  return m as unknown as ProofBundle['merkle'];
}

function anchorShape(v: unknown): ProofBundle['anchor'] {
  const a = object(v, 'anchor');
  integer(a.chainId, 'anchor.chainId', 1);
  hex(a.contract, 'anchor.contract', HEX20, 20);
  hex(a.txHash, 'anchor.txHash', HEX32, 32);
  integer(a.blockNumber, 'anchor.blockNumber', 0);
  return a as unknown as ProofBundle['anchor'];
}

/**
 * Checks that `input` (parsed JSON) has the shape of a `stackledger-proof/1` bundle: every field
 * present with its JSON type, integers safe and in range, hashes exactly 32 bytes of 0x-hex, the
 * contract exactly 20. Unknown extra members are ignored (never trusted: nothing reads them).
 * Never throws.
 */
export function checkBundleShape(input: unknown): BundleShape {
  try {
    const root = object(input, 'the bundle');
    if (root.format !== BUNDLE_FORMAT) fail('format', `"${BUNDLE_FORMAT}"`, root.format);
    const bundle = {
      format: BUNDLE_FORMAT,
      credential: credentialShape(root.credential, 'credential'),
      event: eventShape(root.event),
      merkle: merkleShape(root.merkle),
      anchor: anchorShape(root.anchor),
    } as const;
    return { ok: true, bundle };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, reason: e.message };
    return { ok: false, reason: `unreadable bundle: ${(e as Error).message}` };
  }
}
