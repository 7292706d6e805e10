import { DomainError } from '@stackledger/domain';
import { DuplicateEventIdError, EventNotCanonicalError, StoreUnavailableError, WrongExpectedRevisionError } from '@stackledger/event-store';
import { ApplicationError } from '../../errors/application-error';

/** The store's refusals as the caller's errors, told apart by class; anything else passes unchanged. */
export function mapStoreError(error: unknown): unknown {
  // Some of the ids are stored already: the key was used for another request (in another stream, or overlapping).
  if (error instanceof DuplicateEventIdError) return idempotencyKeyReused();
  // The request fields refuse ill-formed text first; this only catches a value they let through.
  if (error instanceof EventNotCanonicalError) {
    return new DomainError(
      'VALIDATION.FORMAT',
      `the request holds a value that cannot be recorded: ${error.reason} at ${error.path}`,
      error.path,
    );
  }
  // The commit may have happened before the connection was cut: a retry with the same key settles it.
  if (error instanceof StoreUnavailableError) {
    return new ApplicationError(
      'STORE.UNAVAILABLE',
      `${error.message}; the write may or may not be stored: retry later with the same Idempotency-Key`,
    );
  }
  if (error instanceof WrongExpectedRevisionError) return concurrencyConflict('the record changed concurrently too many times; retry');
  return error;
}

export function concurrencyConflict(message: string): ApplicationError {
  return new ApplicationError('STREAM.CONCURRENCY_CONFLICT', message);
}

export function idempotencyKeyReused(): ApplicationError {
  return new ApplicationError(
    'IDEMPOTENCY.KEY_REUSED',
    'Idempotency-Key was already used with a different request body',
    'Idempotency-Key',
  );
}

export function multiStreamUnsupported(): ApplicationError {
  return new ApplicationError(
    'STREAM.MULTI_STREAM_UNSUPPORTED',
    'a write across several streams (bulk issuance) needs an event store with atomic multi-stream appends, such as SQLite; on this one, issue credentials one by one',
  );
}
