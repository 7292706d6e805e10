import { Decider, DomainError, DomainEvent } from '@stackledger/domain';
import type { NewEvent } from '@stackledger/event-store';
import type { RetryPolicy } from '../retry-policy';

/** A decider small enough to read at a glance, for the runner's tests: a stream counts up. */
export type Counted = DomainEvent<'Counted', { total: number }>;
export type Count = { type: 'Count'; data: { by: number } };

export const tallyDecider: Decider<Count, Counted, number> = {
  eventTypes: ['Counted'],
  initialState: () => 0,
  evolve: (_total, event) => event.data.total,
  decide: ({ data }, total) => {
    if (data.by <= 0) throw new DomainError('VALIDATION.RANGE', 'by must be positive', 'by');
    return [{ type: 'Counted', data: { total: total + data.by } }];
  },
};

export const count = (by: number): Count => ({ type: 'Count', data: { by } });

/** Retries without waiting, so a test of conflicts runs at once. */
export const noWait: RetryPolicy = { retries: 3, minTimeout: 0, factor: 1, maxTimeout: 0 };

/** A `Counted` event as another writer would append it behind the runner's back. */
export const counted = (total: number, recordedAt = '2026-01-01T00:00:00.000Z'): NewEvent => ({
  id: crypto.randomUUID(),
  type: 'Counted',
  data: { total },
  metadata: { actor: 'other' },
  recordedAt,
});
