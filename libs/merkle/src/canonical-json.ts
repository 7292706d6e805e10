/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), the byte form every StackLedger hash is taken over
 * (libs/verifier/VERIFYING.md, "Hashing"). Outside verifiers re-implement this, so the rules are
 * spelled out:
 *
 * - literals `null`, `true`, `false` as is;
 * - numbers MUST be finite and are written as ECMAScript `Number.prototype.toString` writes them
 *   (RFC 8785 section 3.2.2.3; `-0` becomes `0`), which is exactly what `JSON.stringify` emits;
 * - strings are escaped as `JSON.stringify` does (`\b \t \n \f \r \" \\`, other controls as
 *   lowercase `\u00xx`, everything else raw) and MUST NOT contain lone surrogates (I-JSON);
 * - object members are sorted by their names compared as arrays of UTF-16 code units (plain JS
 *   `<` on strings: locale-independent), with no whitespace anywhere;
 * - arrays keep their order.
 *
 * Beyond the RFC, because inputs here are JS values rather than parsed JSON text: an object member
 * whose value is `undefined` is omitted (as `JSON.stringify` and a store round trip do), while
 * `undefined` inside an array, functions, symbols, bigints, cycles and non-plain objects (Date, Map,
 * class instances...) are rejected with a `TypeError` naming the path, rather than coerced.
 */
export function canonicalJson(value: unknown): string {
  try {
    return fast(value, 0);
  } catch (error) {
    if (error !== BAIL) throw error;
    // Anything unusual (a surrogate, a bad value, deep nesting) is re-done by the checked walk,
    // which either serializes it or throws the TypeError naming the path.
    return serialize(value, '$', new Set());
  }
}

/**
 * The fast walk: the same output as `serialize` for ordinary JSON, with no path strings and no
 * ancestor set; it bails out (throws BAIL) on anything the checked walk must judge.
 */
const BAIL: unique symbol = Symbol('jcs-bail');
/* eslint-disable @typescript-eslint/only-throw-error -- BAIL is thrown, not an Error: no stack to capture on a hot path, and only this file catches it */
/** Past this depth the value may be cyclic: the checked walk decides. */
const MAX_FAST_DEPTH = 256;
/** Any surrogate at all (paired or not): rare in ledger data, so the checked walk handles them. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** What JSON.stringify escapes (controls, quote, backslash) or the checked walk must judge (surrogates). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON must escape
const SPECIAL = /[\u0000-\u001f"\\\uD800-\uDFFF]/;

function fast(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      // Most ledger strings need no escape at all: quoting them by hand skips a call into the runtime.
      if (!SPECIAL.test(value)) return '"' + value + '"';
      if (SURROGATE.test(value)) throw BAIL;
      return JSON.stringify(value);
    case 'number':
      // String() of a finite number is exactly JSON.stringify's (ECMAScript Number::toString, -0 as 0).
      if (!Number.isFinite(value)) throw BAIL;
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_FAST_DEPTH) throw BAIL;
      return Array.isArray(value) ? fastArray(value, depth + 1) : fastObject(value as Record<string, unknown>, depth + 1);
    default:
      throw BAIL;
  }
}

function fastArray(items: unknown[], depth: number): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) throw BAIL;
    out += i === 0 ? fast(item, depth) : ',' + fast(item, depth);
  }
  return out + ']';
}

function fastObject(obj: Record<string, unknown>, depth: number): string {
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) throw BAIL;
  const keys = sortedKeys(obj);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const member = obj[keys[i]];
    if (member === undefined) continue;
    out += (first ? '' : ',') + quotedName(keys[i]) + ':' + fast(member, depth);
    first = false;
  }
  return out + '}';
}

/**
 * Keys in UTF-16 code unit order (plain `<`, RFC 8785 section 3.2.3). Insertion sort: objects here
 * have a handful of keys, often already in order, and it avoids the comparator calls of `sort()`.
 */
function sortedKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    if (!(key < keys[j])) continue;
    while (j >= 0 && key < keys[j]) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Member names repeat across events (the same schema): their quoted form is cached, boundedly. */
const names = new Map<string, string>();
const MAX_CACHED_NAMES = 4_096;

function quotedName(key: string): string {
  let quoted = names.get(key);
  if (quoted !== undefined) return quoted;
  if (SURROGATE.test(key)) throw BAIL;
  quoted = JSON.stringify(key);
  if (names.size < MAX_CACHED_NAMES) names.set(key, quoted);
  return quoted;
}

/** A lone (unpaired) UTF-16 surrogate. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`JCS: non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new TypeError(`JCS: lone surrogate in string at ${path}`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, path, ancestors);
    default:
      throw new TypeError(`JCS: ${typeof value} is not JSON at ${path}`);
  }
}

function serializeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new TypeError(`JCS: cycle at ${path}`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return serializeArray(value, path, ancestors);
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`JCS: only plain objects and arrays are accepted, got ${proto?.constructor?.name} at ${path}`);
    }
    return serializeObject(value as Record<string, unknown>, path, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function serializeArray(items: unknown[], path: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (items[i] === undefined) throw new TypeError(`JCS: undefined (or a hole) in array at ${path}[${i}]`);
    parts.push(serialize(items[i], `${path}[${i}]`, ancestors));
  }
  return `[${parts.join(',')}]`;
}

function serializeObject(obj: Record<string, unknown>, path: string, ancestors: Set<object>): string {
  // Default sort compares UTF-16 code units, which is exactly RFC 8785 section 3.2.3.
  const keys = Object.keys(obj).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const member = obj[key];
    if (member === undefined) continue;
    const name = serialize(key, `${path} (member name)`, ancestors);
    parts.push(`${name}:${serialize(member, `${path}.${key}`, ancestors)}`);
  }
  return `{${parts.join(',')}}`;
}
