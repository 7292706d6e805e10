import fc from 'fast-check';
import { isUuid } from './deterministic-event-id';
import { timeOrderedEventId } from './time-ordered-event-id';

const timeOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('timeOrderedEventId (UUID version 7)', () => {
  it('is a lower-case canonical UUID of version 7 and variant 10 that carries its millisecond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
        const id = timeOrderedEventId(ms);
        expect(isUuid(id)).toBe(true);
        expect(id).toBe(id.toLowerCase());
        expect(id[14]).toBe('7');
        expect('89ab').toContain(id[19]);
        expect(timeOf(id)).toBe(ms);
      }),
      { numRuns: 1_000 },
    );
  });

  it('sorts ids of a later millisecond after those of an earlier one, as text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 10_000 }), (ms, later) => {
        const earlier = timeOrderedEventId(ms);
        expect(timeOrderedEventId(Math.min(ms + later, 2 ** 48 - 1)) > earlier).toBe(true);
      }),
    );
  });

  it('gives distinct ids within one millisecond, across refills of its random pool', () => {
    const ids = new Set(Array.from({ length: 100_000 }, () => timeOrderedEventId(1_764_000_000_000)));
    expect(ids.size).toBe(100_000);
  });

  it('uses the current time by default and refuses a time it cannot encode', () => {
    const before = Date.now();
    const at = timeOf(timeOrderedEventId());
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    for (const bad of [-1, 2 ** 48, 1.5, Number.NaN]) expect(() => timeOrderedEventId(bad)).toThrow(RangeError);
  });
});
