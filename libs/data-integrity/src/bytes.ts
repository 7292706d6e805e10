/** Small byte and JSON helpers shared by the library (no Buffer: this part also runs in browsers). */

const encoder = new TextEncoder();

/** UTF-8 bytes of `text` (WHATWG TextEncoder). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** `a ‖ b` as new bytes. */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Whether two byte arrays hold the same bytes (not constant-time: only public values are compared). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lowercase hex without prefix (test vectors print hashes this way). */
export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Whether `value` is a plain JSON object (not null, not an array, not a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of a JSON value made of this realm's objects and arrays (not `structuredClone`,
 * whose copies can come from another realm, e.g. under a test runner's VM, which JCS refuses).
 * Anything that is not an array or a plain object is kept as is, for JCS to judge.
 */
export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyJson(value[key]);
  return out as T;
}
