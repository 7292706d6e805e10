import { ErrorCode } from '../shared/domain-error';
import { fold } from '../shared/decider';
import { given } from '../testing/given';
import {
  consentTo,
  grantedEvent,
  issued,
  LEARNER,
  NOW,
  transferCommand,
  transferredEvent,
  withdrawnEvent,
} from '../testing/learner.fixtures';
import { learnerDecider } from './learner.decider';
import { LearnerEvent } from './learner.events';

/** The learner granted every receiver below its transfer consent; the grant rule's own cases say otherwise. */
const spec = (events: LearnerEvent[]) => given(learnerDecider)([...consentTo('iss-2', 'iss-3', 'iss-4'), ...events]);

const revokedEvent = (credentialId: string): LearnerEvent => ({
  type: 'CredentialRevoked',
  data: { credentialId, learnerId: LEARNER, issuerId: 'iss-1', reason: 'fraud', revokedAt: NOW, credits: '4' },
});

/** c-1 4.5 active, c-2 4 active, c-3 revoked, c-4 transferred in tr-0, c-5 expired, c-6 issued by iss-2. */
const history: LearnerEvent[] = [
  issued('c-1', 'iss-1', 450),
  issued('c-2', 'iss-3', 400),
  issued('c-3'),
  issued('c-4'),
  issued('c-5', 'iss-1', 400, '2026-05-01'),
  issued('c-6', 'iss-2', 400),
  revokedEvent('c-3'),
  transferredEvent('tr-0', ['c-4'], '4', 'iss-3'),
];

describe('TransferCredits', () => {
  it('of active credentials records CreditsTransferred with the exact canonical total', () =>
    spec(history)
      .when(transferCommand(['c-1', 'c-2'], { programme: '  BSc Data Science ' }))
      .then([transferredEvent('tr-1', ['c-1', 'c-2'], '8.5')]));

  it('of a single credential records its credits', () =>
    spec(history)
      .when(transferCommand(['c-2']))
      .then([transferredEvent('tr-1', ['c-2'], '4')]));

  it('sums hundredths without float drift', () => {
    const tenths: LearnerEvent[] = Array.from({ length: 3 }, (_, i) => issued(`t-${i}`, 'iss-1', 10));
    spec(tenths)
      .when(transferCommand(['t-0', 't-1', 't-2']))
      .then([transferredEvent('tr-1', ['t-0', 't-1', 't-2'], '0.3')]);
  });

  it('a credential from a revoked transfer stays transferred', () =>
    spec([...history, revokedEvent('c-4')])
      .when(transferCommand(['c-4']))
      .thenThrows('CREDIT.REVOKED'));

  const rejects: Array<[string, ReturnType<typeof transferCommand>, ErrorCode, string]> = [
    ['an empty list', transferCommand([]), 'TRANSFER.EMPTY', 'credentialIds'],
    ['a list that is not an array', transferCommand('c-1'), 'VALIDATION.TYPE', 'credentialIds'],
    ['a missing list', transferCommand(undefined), 'VALIDATION.REQUIRED', 'credentialIds'],
    ['a repeated id', transferCommand(['c-1', 'c-2', 'c-1']), 'TRANSFER.DUPLICATE_CREDENTIAL', 'credentialIds'],
    ['a malformed id', transferCommand(['c 1']), 'VALIDATION.FORMAT', 'credentialIds'],
    ['an unknown credential', transferCommand(['c-1', 'c-404']), 'CREDENTIAL.NOT_FOUND', 'credentialIds'],
    ["another learner's credentials", transferCommand(['c-1'], { learnerId: 'other-learner' }), 'CREDENTIAL.NOT_FOUND', 'credentialIds'],
    ['a transferred credential', transferCommand(['c-1', 'c-4']), 'CREDIT.ALREADY_TRANSFERRED', 'credentialIds'],
    ['a revoked credential', transferCommand(['c-3']), 'CREDIT.REVOKED', 'credentialIds'],
    ['an expired credential', transferCommand(['c-5']), 'CREDIT.EXPIRED', 'credentialIds'],
    [
      'a credential expiring at that very instant',
      transferCommand(['c-5'], { at: '2026-05-01T00:00:00.000Z' }),
      'CREDIT.EXPIRED',
      'credentialIds',
    ],
    ['a credential of the receiving institution itself', transferCommand(['c-1', 'c-6']), 'TRANSFER.SAME_INSTITUTION', 'credentialIds'],
    [
      'a suspended receiver',
      transferCommand(['c-1'], { toIssuer: { issuerId: 'iss-2', status: 'suspended' } }),
      'ISSUER.SUSPENDED',
      'toIssuerId',
    ],
    [
      'an unregistered receiver',
      transferCommand(['c-1'], { toIssuer: { issuerId: 'iss-9', status: 'unregistered' } }),
      'ISSUER.NOT_FOUND',
      'toIssuerId',
    ],
    ['a blank programme', transferCommand(['c-1'], { programme: ' ' }), 'VALIDATION.REQUIRED', 'programme'],
    ['a programme over 200 characters', transferCommand(['c-1'], { programme: 'p'.repeat(201) }), 'VALIDATION.LENGTH', 'programme'],
    ['a lone surrogate in the programme', transferCommand(['c-1'], { programme: 'MSc \ud800' }), 'VALIDATION.FORMAT', 'programme'],
    ['a reused transfer id', transferCommand(['c-1'], { transferId: 'tr-0' }), 'TRANSFER.ALREADY_RECORDED', 'transferId'],
    ['a bad time', transferCommand(['c-1'], { at: 'soon' }), 'VALIDATION.FORMAT', 'at'],
  ];

  it.each(rejects)('rejects %s', (_label, command, code, field) => spec(history).when(command).thenThrows(code, field));

  it('rejects any transfer on an empty learner stream as not found', () =>
    spec([])
      .when(transferCommand(['c-1']))
      .thenThrows('CREDENTIAL.NOT_FOUND'));

  it('rejects a second transfer of the same credential', () =>
    spec([...history, transferredEvent('tr-1', ['c-1'], '4.5')])
      .when(transferCommand(['c-1'], { transferId: 'tr-2', toIssuer: { issuerId: 'iss-4', status: 'active' } }))
      .thenThrows('CREDIT.ALREADY_TRANSFERRED'));

  it('accepts a credential one millisecond before it expires', () =>
    spec(history)
      .when(transferCommand(['c-5'], { at: '2026-04-30T23:59:59.999Z' }))
      .then([
        {
          ...transferredEvent('tr-1', ['c-5'], '4'),
          data: { ...transferredEvent('tr-1', ['c-5'], '4').data, transferredAt: '2026-04-30T23:59:59.999Z' },
        },
      ]));

  it('names the transfer that already holds the credits', () => {
    const error = spec(history)
      .when(transferCommand(['c-4']))
      .error();
    expect(error.message).toBe('the credits of credential c-4 were already transferred (transfer tr-0)');
  });
});

describe("TransferCredits needs the learner's transfer grant to the receiver", () => {
  const base: LearnerEvent[] = [issued('c-1', 'iss-1', 450)];
  const learner = given(learnerDecider);

  it.each([
    ['no grant at all', [], 'ACCESS.NO_GRANT'],
    ['a grant without the transfer scope', [grantedEvent('g-1', 'iss-2', ['read', 'stack'])], 'ACCESS.NO_GRANT'],
    ['a transfer grant to another institution', [grantedEvent('g-1', 'iss-3', ['transfer'])], 'ACCESS.NO_GRANT'],
    ['a withdrawn grant', [grantedEvent('g-1', 'iss-2'), withdrawnEvent('g-1')], 'ACCESS.NO_GRANT'],
    ['an expired grant', [grantedEvent('g-1', 'iss-2', ['transfer'], NOW)], 'ACCESS.GRANT_EXPIRED'],
  ] as const)('refuses with %s (%s)', (_label, grants, code) =>
    learner([...base, ...grants])
      .when(transferCommand(['c-1']))
      .thenThrows(code, 'learnerId'),
  );

  it('a withdrawn grant and a later grant: the later one counts', () =>
    learner([...base, grantedEvent('g-1', 'iss-2'), withdrawnEvent('g-1'), grantedEvent('g-2', 'iss-2', ['transfer'])])
      .when(transferCommand(['c-1']))
      .then([transferredEvent('tr-1', ['c-1'], '4.5')]));

  it('refuses before it says anything of the credentials (an institution without consent learns nothing)', () =>
    learner(base)
      .when(transferCommand(['c-404']))
      .thenThrows('ACCESS.NO_GRANT'));

  it('a transfer recorded before consent existed folds as recorded (the rule is checked when deciding, not replaying)', () => {
    const state = fold(learnerDecider, [...base, transferredEvent('tr-0', ['c-1'], '4.5')]);
    expect(state.credentials['c-1']).toMatchObject({ status: 'transferred', transferId: 'tr-0', toIssuerId: 'iss-2' });
    expect(Object.keys(state.transfers)).toEqual(['tr-0']);
  });
});
