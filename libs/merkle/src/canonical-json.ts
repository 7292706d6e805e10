/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), the byte form every StackLedger hash is taken over
 * (SPEC section 6). Outside verifiers re-implement this, so the rules are spelled out:
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
  return serialize(value, '$', new Set());
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
