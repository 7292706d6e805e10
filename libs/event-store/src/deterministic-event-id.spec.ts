import fc from 'fast-check';
import { deterministicEventId, isUuid, STACKLEDGER_EVENT_NAMESPACE, uuidv5 } from './deterministic-event-id';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NS = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('uuidv5', () => {
  it.each([
    ['www.example.com', DNS, '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    ['python.org', DNS, '886313e1-3b8a-5372-9b90-0c9aee199e5d'],
    ['http://www.ietf.org/rfc/rfc4122.txt', URL_NS, 'd0690b3c-b29d-52e7-81b0-d573b503f2d4'],
    ['ñandú ✓', DNS, '4cf2fcbe-68dc-5da9-9fbb-773d2a23c0c5'],
  ])('%s in %s -> %s (Python uuid.uuid5 vectors)', (name, namespace, expected) => {
    expect(uuidv5(name, namespace)).toBe(expected);
  });

  it('accepts an upper-case namespace', () => {
    expect(uuidv5('www.example.com', DNS.toUpperCase())).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('rejects a namespace that is not a UUID', () => {
    expect(() => uuidv5('x', 'not-a-uuid')).toThrow(TypeError);
  });
});

describe('deterministicEventId', () => {
  it('is uuidv5 of actor, key and index joined by newlines in the StackLedger namespace', () => {
    expect(deterministicEventId('user-1', 'key-1', 0)).toBe(uuidv5('user-1\nkey-1\n0', STACKLEDGER_EVENT_NAMESPACE));
  });

  it('is stable across calls and differs by actor, key and index', () => {
    const id = deterministicEventId('user-1', 'key-1', 0);
    expect(deterministicEventId('user-1', 'key-1', 0)).toBe(id);
    const others = [
      deterministicEventId('user-2', 'key-1', 0),
      deterministicEventId('user-1', 'key-2', 0),
      deterministicEventId('user-1', 'key-1', 1),
    ];
    expect(new Set([id, ...others]).size).toBe(4);
  });

  it('produces a version 5, RFC 4122 variant UUID', () => {
    const id = deterministicEventId('user-1', 'key-1', 3);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('5');
    expect('89ab').toContain(id[19]);
  });

  it('rejects a negative or fractional index and newlines in the inputs', () => {
    expect(() => deterministicEventId('a', 'k', -1)).toThrow(RangeError);
    expect(() => deterministicEventId('a', 'k', 1.5)).toThrow(RangeError);
    expect(() => deterministicEventId('a\nb', 'k', 0)).toThrow(RangeError);
    expect(() => deterministicEventId('a', 'k\n', 0)).toThrow(RangeError);
  });
});

describe('isUuid', () => {
  const PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  it('agrees with the 8-4-4-4-12 hex pattern on UUIDs, their near misses and arbitrary text', () => {
    const oneChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
    const nearMiss = fc.tuple(fc.uuid(), fc.nat(35), oneChar).map(([id, at, c]) => id.slice(0, at) + c + id.slice(at + 1));
    const text = fc.oneof(
      fc.uuid(),
      fc.uuid().map((id) => id.toUpperCase()),
      nearMiss,
      fc.string(),
    );
    fc.assert(
      fc.property(text, (t) => expect(isUuid(t)).toBe(PATTERN.test(t))),
      { numRuns: 5_000 },
    );
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect([isUuid(id.toUpperCase()), isUuid(id.slice(0, 35)), isUuid(`${id}c`)]).toEqual([true, false, false]);
  });
});
