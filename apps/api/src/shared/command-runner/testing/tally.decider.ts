import { Decider, DomainError, DomainEvent } from '@stackledger/domain';

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
