import { fold } from '../shared/decider';
import { issued, LEARNER, NOW, transferredEvent } from '../testing/learner.fixtures';
import { learnerStatusOf } from './learner-status';
import { learnerDecider } from './learner.decider';

describe('learner state', () => {
  it('folds issue, transfer and revoke into credential statuses and transfers', () => {
    const state = fold(learnerDecider, [
      issued('c-1', 'iss-1', 450),
      issued('c-2', 'iss-1', 400, '2030-01-01'),
      transferredEvent('tr-1', ['c-1'], '4.5'),
      {
        type: 'CredentialRevoked',
        data: {
          credentialId: 'c-1',
          learnerId: LEARNER,
          issuerId: 'iss-1',
          reason: 'x',
          revokedAt: NOW,
          transferId: 'tr-1',
          toIssuerId: 'iss-2',
          credits: '4.5',
        },
      },
    ]);
    const common = {
      issuerId: 'iss-1',
      level: 4.5,
      skills: ['python', 'pandas'],
      creditBasis: 'ncrf',
      issuedAt: '2026-03-01T10:00:00.000Z',
    };
    expect(state).toStrictEqual({
      learnerId: LEARNER,
      credentials: {
        'c-1': {
          ...common,
          credits: 450,
          hours: 135,
          validUntil: '2033-03-01T10:00:00.000Z',
          status: 'revoked',
          transferId: 'tr-1',
          toIssuerId: 'iss-2',
        },
        'c-2': { ...common, credits: 400, hours: 120, validUntil: '2030-01-01T00:00:00.000Z', status: 'active' },
      },
      transfers: {
        'tr-1': { toIssuerId: 'iss-2', programme: 'BSc Data Science', credentialIds: ['c-1'], credits: 450, transferredAt: NOW },
      },
      claimCodes: {},
      grants: {},
    });
  });

  it('refuses an event type it does not know rather than deciding on a partial state', () => {
    const unknown = { type: 'PathwayDefined', data: {} } as never;
    expect(() => learnerDecider.evolve(learnerDecider.initialState(), unknown)).toThrow('unknown event type: PathwayDefined');
  });
});

describe('learnerStatusOf', () => {
  const validUntil = '2030-01-01T00:00:00.000Z';
  it.each([
    ['active', '2029-12-31T23:59:59.999Z', 'active'],
    ['active', validUntil, 'expired'],
    ['active', '2031-01-01T00:00:00.000Z', 'expired'],
    ['transferred', '2029-01-01T00:00:00.000Z', 'transferred'],
    ['transferred', '2031-01-01T00:00:00.000Z', 'transferred'],
    ['stacked', '2029-01-01T00:00:00.000Z', 'stacked'],
    ['stacked', '2031-01-01T00:00:00.000Z', 'stacked'],
    ['revoked', '2029-01-01T00:00:00.000Z', 'revoked'],
    ['revoked', '2031-01-01T00:00:00.000Z', 'revoked'],
  ] as const)('%s at %s is %s', (status, now, expected) => {
    expect(learnerStatusOf({ status, validUntil }, now)).toBe(expected);
    expect(learnerStatusOf({ status, validUntil }, new Date(now))).toBe(expected);
  });
});
