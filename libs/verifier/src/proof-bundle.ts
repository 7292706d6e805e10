import {
  BUNDLE_FORMAT_V2,
  BUNDLE_FORMATS,
  type BundleAnchor,
  type BundleCredential,
  type BundleEvent,
  type BundleFormat,
  type BundleMerkle,
  type IssuerKeyProof,
  type ProofBundle,
} from './proof-bundle.types';

/**
 * The shape check of a proof bundle. The shape is checked before anything is hashed, so every
 * later step works on well-typed values and a hostile bundle gets a reason naming the field
 * instead of an exception.
 */
export * from './proof-bundle.types';

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
  if (c.proof !== undefined) object(c.proof, `${path}.proof`);
  if (c.issuer !== undefined || c.proof !== undefined) {
    const issuer = object(c.issuer, `${path}.issuer`);
    nonEmpty(issuer.id, `${path}.issuer.id`);
    nonEmpty(issuer.name, `${path}.issuer.name`);
    if (issuer.domain !== undefined) nonEmpty(issuer.domain, `${path}.issuer.domain`);
  }
  return c as BundleCredential;
}

function eventShape(v: unknown, path: string): Record<string, unknown> {
  const e = object(v, path);
  integer(e.seq, `${path}.seq`, 1);
  for (const f of ['id', 'stream', 'type']) nonEmpty(e[f], `${path}.${f}`);
  string(e.recordedAt, `${path}.recordedAt`);
  object(e.data, `${path}.data`);
  return e;
}

function credentialEventShape(v: unknown): BundleEvent {
  const e = eventShape(v, 'event');
  object((e.data as Record<string, unknown>).credential, 'event.data.credential');
  return e as unknown as BundleEvent;
}

function keyEventShape(v: unknown, path: string): IssuerKeyProof['event'] {
  const e = eventShape(v, path);
  const data = e.data as Record<string, unknown>;
  for (const f of ['issuerId', 'keyId']) nonEmpty(data[f], `${path}.data.${f}`);
  instant(data.registeredAt, `${path}.data.registeredAt`);
  object(data.proofOfPossession, `${path}.data.proofOfPossession`);
  return e as unknown as IssuerKeyProof['event'];
}

function merkleShape(v: unknown, at: string): BundleMerkle {
  const m = object(v, at);
  hex(m.leaf, `${at}.leaf`, HEX32, 32);
  if (!Array.isArray(m.path)) fail(`${at}.path`, 'an array', m.path);
  const path = m.path as unknown[];
  if (path.length > MAX_PATH_LENGTH) fail(`${at}.path`, `at most ${MAX_PATH_LENGTH} hashes`, `${path.length} hashes`);
  path.forEach((p, i) => hex(p, `${at}.path[${i}]`, HEX32, 32));
  const b = object(m.batch, `${at}.batch`);
  integer(b.index, `${at}.batch.index`, 0);
  hex(b.root, `${at}.batch.root`, HEX32, 32);
  const fromSeq = integer(b.fromSeq, `${at}.batch.fromSeq`, 1);
  const toSeq = integer(b.toSeq, `${at}.batch.toSeq`, 1);
  if (toSeq < fromSeq) fail(`${at}.batch.toSeq`, `at least fromSeq (${fromSeq})`, toSeq);
  return m as unknown as BundleMerkle;
}

function anchorShape(v: unknown, at: string): BundleAnchor {
  const a = object(v, at);
  integer(a.chainId, `${at}.chainId`, 1);
  hex(a.contract, `${at}.contract`, HEX20, 20);
  hex(a.txHash, `${at}.txHash`, HEX32, 32);
  integer(a.blockNumber, `${at}.blockNumber`, 0);
  return a as unknown as BundleAnchor;
}

/**
 * `/2`: a signed credential (one with `proof`) MUST come with `issuerKey`, an unsigned one MUST
 * NOT (a key that signed nothing proves nothing). `/1` bundles never carry a key: any `issuerKey`
 * there is an unknown member, ignored, and a `proof` inside a `/1` credential is not checked.
 */
function issuerKeyShape(root: Record<string, unknown>, credential: BundleCredential): IssuerKeyProof | undefined {
  if (root.format !== BUNDLE_FORMAT_V2) return undefined;
  if (credential.proof === undefined) {
    if (root.issuerKey !== undefined) fail('issuerKey', 'absent for a credential without a proof', root.issuerKey);
    return undefined;
  }
  const k = object(root.issuerKey, 'issuerKey');
  return {
    event: keyEventShape(k.event, 'issuerKey.event'),
    merkle: merkleShape(k.merkle, 'issuerKey.merkle'),
    anchor: anchorShape(k.anchor, 'issuerKey.anchor'),
  };
}

/**
 * Checks that `input` (parsed JSON) has the shape of a `stackledger-proof/1` or `/2` bundle: every
 * field present with its JSON type, integers safe and in range, hashes exactly 32 bytes of 0x-hex,
 * the contract exactly 20; for `/2`, `issuerKey` exactly when the credential is signed. Unknown
 * extra members are ignored (never trusted: nothing reads them). Never throws.
 */
export function checkBundleShape(input: unknown): BundleShape {
  try {
    const root = object(input, 'the bundle');
    const format = root.format as BundleFormat;
    if (!BUNDLE_FORMATS.includes(format)) fail('format', BUNDLE_FORMATS.map((f) => `"${f}"`).join(' or '), root.format);
    const credential = credentialShape(root.credential, 'credential');
    const bundle: ProofBundle = {
      format,
      credential,
      event: credentialEventShape(root.event),
      merkle: merkleShape(root.merkle, 'merkle'),
      anchor: anchorShape(root.anchor, 'anchor'),
    };
    const issuerKey = issuerKeyShape(root, credential);
    return { ok: true, bundle: issuerKey ? { ...bundle, issuerKey } : bundle };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, reason: e.message };
    return { ok: false, reason: `unreadable bundle: ${(e as Error).message}` };
  }
}
