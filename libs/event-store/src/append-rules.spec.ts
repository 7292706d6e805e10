import fc from 'fast-check';
import { canonicalEventJson, canonicalJson, initMerkle } from '@stackledger/merkle';
import { assertAppendable } from './append-rules';
import { canonicalDataOf } from './canonical-event';
import { DuplicateEventIdError, EventNotCanonicalError, NewEvent } from './event-store.port';
import { newEvent } from './testing/event-fixtures';

describe('assertAppendable', () => {
  it('accepts UUID ids with a valid expected revision', () => {
    expect(() => assertAppendable('s', [newEvent(0), newEvent(1)], 3)).not.toThrow();
  });

  it('rejects an empty batch', () => {
    expect(() => assertAppendable('s', [], 'any')).toThrow(RangeError);
  });

  it('rejects a negative or fractional expected revision', () => {
    expect(() => assertAppendable('s', [newEvent(0)], -1)).toThrow(RangeError);
    expect(() => assertAppendable('s', [newEvent(0)], 0.5)).toThrow(RangeError);
  });

  it('rejects an id that is not a UUID', () => {
    expect(() => assertAppendable('s', [newEvent(0, { id: 'event-1' })], 'any')).toThrow(TypeError);
  });

  it('rejects an id repeated within the batch', () => {
    const event = newEvent(0);
    expect(() => assertAppendable('s', [event, { ...event }], 'any')).toThrow(DuplicateEventIdError);
  });
});

describe('canonicalDataOf', () => {
  beforeAll(() => initMerkle());

  const refusal = (stream: string, event: NewEvent) => {
    try {
      expect(canonicalDataOf(stream, event)).toBe(canonicalJson(event.data));
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('refuses exactly what canonical JSON cannot write (checked against canonicalEventJson)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 6 });
    const value = fc.anything({
      key: text,
      values: [text, fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt()],
      maxDepth: 4,
      withBigInt: true,
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      withMap: true,
    });
    fc.assert(
      fc.property(value, text, (data, type) => {
        const event = newEvent(0, { type, data: { value: data } });
        let canonical = true;
        try {
          canonicalEventJson({ ...event, seq: 1, stream: 'learner-1' });
        } catch {
          canonical = false;
        }
        const error = refusal('learner-1', event);
        expect(error === undefined).toBe(canonical);
        if (error) expect(error).toBeInstanceOf(EventNotCanonicalError);
      }),
      { numRuns: 2_000 },
    );
  });
});
