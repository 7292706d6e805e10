import { DomainError } from '@stackledger/domain';

const LEARNER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Same rule the domain applies to a credential's learnerId, checked before any read. */
export function learnerIdParam(value: string): string {
  if (!LEARNER_ID.test(value)) {
    throw new DomainError(
      'VALIDATION.FORMAT',
      'learnerId must be 1-128 letters, digits or . _ : - and start with a letter or digit',
      'learnerId',
    );
  }
  return value;
}
