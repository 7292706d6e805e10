import fc from 'fast-check';
import { canonicalJson } from '@stackledger/merkle';

/** A deliberately naive JCS for plain JSON values, the yardstick for the fast walk. */
function naive(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(naive).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    return `{${entries.map((k) => `${JSON.stringify(k)}:${naive((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson fast path', () => {
  it('equals a naive JCS on arbitrary JSON values (full Unicode keys and strings, -0, big and tiny numbers)', () => {
    const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 });
    fc.assert(
      fc.property(json, (value) => expect(canonicalJson(value)).toBe(naive(value))),
      { numRuns: 2_000 },
    );
  });

  it('escapes exactly what JSON.stringify escapes, at the edges of the unescaped fast case', () => {
    for (const text of ['plain', '', '\u001f', ' ', '"', '\\', '\u007f', '\u2028', 'é学🎓', 'a"b', 'tab\there']) {
      expect(canonicalJson({ text })).toBe(`{"text":${JSON.stringify(text)}}`);
    }
  });

  it('still names the path of a rejected value nested deep in an otherwise plain document', () => {
    expect(() => canonicalJson({ a: [{ b: { c: NaN } }] })).toThrow('JCS: non-finite number at $.a[0].b.c');
    expect(() => canonicalJson({ a: ['ok', '\ud800'] })).toThrow('JCS: lone surrogate in string at $.a[1]');
    expect(() => canonicalJson({ a: { when: new Date(0) } })).toThrow(
      /only plain objects and arrays are accepted, got Date at \$\.a\.when/,
    );
    const cyclic: Record<string, unknown> = { x: 1 };
    cyclic.self = { again: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow('JCS: cycle at $.self.again');
  });

  it('serializes nesting deeper than the fast walk goes, and a surrogate pair, like the checked walk', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 300; i++) deep = { d: deep };
    expect(canonicalJson(deep)).toBe(`${'{"d":'.repeat(300)}"leaf"${'}'.repeat(300)}`);
    expect(canonicalJson({ emoji: '\ud83d\ude00', b: 1 })).toBe('{"b":1,"emoji":"\ud83d\ude00"}');
  });
});
