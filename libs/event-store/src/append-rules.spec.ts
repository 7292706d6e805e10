import { assertAppendable } from './append-rules';
import { DuplicateEventIdError } from './event-store.port';
import { newEvent } from './testing/event-fixtures';

describe('assertAppendable', () => {
  it('accepts UUID ids with a valid expected revision', () => {
    expect(() => assertAppendable([newEvent(0), newEvent(1)], 3)).not.toThrow();
  });

  it('rejects an empty batch', () => {
    expect(() => assertAppendable([], 'any')).toThrow(RangeError);
  });

  it('rejects a negative or fractional expected revision', () => {
    expect(() => assertAppendable([newEvent(0)], -1)).toThrow(RangeError);
    expect(() => assertAppendable([newEvent(0)], 0.5)).toThrow(RangeError);
  });

  it('rejects an id that is not a UUID', () => {
    expect(() => assertAppendable([newEvent(0, { id: 'event-1' })], 'any')).toThrow(TypeError);
  });

  it('rejects an id repeated within the batch', () => {
    const event = newEvent(0);
    expect(() => assertAppendable([event, { ...event }], 'any')).toThrow(DuplicateEventIdError);
  });
});
