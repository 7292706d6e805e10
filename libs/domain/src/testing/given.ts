import { Decider, DomainEvent, fold } from '../shared/decider';
import { DomainError, ErrorCode } from '../shared/domain-error';

/**
 * `given(decider)(history).when(command).then(events)` or `.thenThrows(code, field?)`.
 * Events are compared strictly, so an `undefined` property where a field should be omitted fails.
 * `then`/`thenThrows` return nothing, so `it('...', () => given(...)...then(...))` stays valid.
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return (history: E[]) => ({
    when(command: C) {
      const run = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: E[]): void {
          const events = run();
          expect(events).toStrictEqual(expected);
          expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events);
        },
        thenThrows(code: ErrorCode, field?: string): void {
          const error = domainErrorOf(run);
          const seen = { code: error.code, field: error.field, message: error.message };
          expect(seen).toMatchObject(field === undefined ? { code } : { code, field });
        },
        events: run,
        error: (): DomainError => domainErrorOf(run),
      };
    },
  });
}

/** Runs `fn` and returns the DomainError it throws; anything else (or nothing) fails the test. */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
