import { fold } from '../shared/decider';
import { given } from '../testing/given';
import { grantedEvent, issued, LEARNER, NOW, withdrawnEvent } from '../testing/learner.fixtures';
import { LearnerClaimed } from './access.events';
import { LearnerCommand } from './learner.commands';
import { learnerDecider } from './learner.decider';
import { LearnerEvent } from './learner.events';

const spec = given(learnerDecider);
const LATER = '2026-06-01T21:00:00.000Z';
const issuer = (issuerId = 'iss-1', status: 'active' | 'suspended' | 'unregistered' = 'active') => ({ issuerId, status });

const codeCommand = (over: Partial<{ codeId: string; issuer: ReturnType<typeof issuer> }> = {}): LearnerCommand => ({
  type: 'IssueClaimCode',
  data: { codeId: 'code-1', learnerId: LEARNER, issuer: issuer(), at: NOW, ...over },
});
const codeIssued = (codeId = 'code-1'): LearnerEvent => ({
  type: 'ClaimCodeIssued',
  data: { codeId, learnerId: LEARNER, issuerId: 'iss-1', expiresAt: '2026-06-02T09:00:00.000Z', issuedAt: NOW },
});
const claim = (codeId = 'code-1', at = LATER): LearnerCommand => ({ type: 'ClaimLearner', data: { codeId, learnerId: LEARNER, at } });
const claimed = (codeId = 'code-1', claimedAt = LATER): LearnerClaimed => ({
  type: 'LearnerClaimed',
  data: { learnerId: LEARNER, codeId, claimedAt },
});
const grant = (over: Record<string, unknown> = {}): LearnerCommand => ({
  type: 'GrantAccess',
  data: {
    grantId: 'g-1',
    learnerId: LEARNER,
    institution: issuer('iss-2'),
    scopes: ['transfer', 'read'],
    expiresAt: '2027-01-01T00:00:00Z',
    at: NOW,
    ...over,
  },
});

describe('claim codes', () => {
  it('an issuer that issued to the learner gets a code valid 24 hours', () =>
    spec([issued('c-1')])
      .when(codeCommand())
      .then([codeIssued()]));

  it.each([
    ['an issuer that never issued to the learner', [issued('c-1', 'iss-3')], codeCommand(), 'CLAIM.NOT_ISSUER'],
    ['a suspended issuer', [issued('c-1')], codeCommand({ issuer: issuer('iss-1', 'suspended') }), 'ISSUER.SUSPENDED'],
    ['a claimed learner', [issued('c-1'), codeIssued('code-0'), claimed('code-0')], codeCommand(), 'LEARNER.ALREADY_CLAIMED'],
  ] as const)('refuses %s', (_label, history, command, code) =>
    spec([...history])
      .when(command)
      .thenThrows(code),
  );
});

describe('claiming', () => {
  it('with an unused code before it expires records LearnerClaimed', () =>
    spec([issued('c-1'), codeIssued()])
      .when(claim())
      .then([claimed()]));

  it.each([
    ['an unknown code', [codeIssued()], claim('code-9'), 'CLAIM.INVALID_CODE'],
    ['a code used once already', [codeIssued(), claimed()], claim(), 'CLAIM.CODE_USED'],
    ['a second code once claimed', [codeIssued(), codeIssued('code-2'), claimed()], claim('code-2'), 'LEARNER.ALREADY_CLAIMED'],
    ['a code at its expiry', [codeIssued()], claim('code-1', '2026-06-02T09:00:00.000Z'), 'CLAIM.CODE_EXPIRED'],
  ] as const)('refuses %s', (_label, history, command, code) =>
    spec([...history])
      .when(command)
      .thenThrows(code, 'code'),
  );

  it('key rotation needs a claimed account', () => {
    const rotate: LearnerCommand = { type: 'RotateLearnerKey', data: { learnerId: LEARNER, at: LATER } };
    spec([codeIssued()]).when(rotate).thenThrows('LEARNER.NOT_CLAIMED');
    spec([codeIssued(), claimed()])
      .when(rotate)
      .then([{ type: 'LearnerKeyRotated', data: { learnerId: LEARNER, rotatedAt: LATER } }]);
  });
});

describe('grants', () => {
  const account = [issued('c-1'), codeIssued(), claimed()];

  it('records AccessGranted with its scopes in one order', () =>
    spec(account)
      .when(grant())
      .then([
        {
          type: 'AccessGranted',
          data: {
            grantId: 'g-1',
            learnerId: LEARNER,
            institutionId: 'iss-2',
            scopes: ['read', 'transfer'],
            expiresAt: '2027-01-01T00:00:00.000Z',
            grantedAt: NOW,
          },
        },
      ]));

  it.each([
    ['no scope', grant({ scopes: [] }), 'VALIDATION.REQUIRED', 'scopes'],
    ['an unknown scope', grant({ scopes: ['read', 'write'] }), 'VALIDATION.ONE_OF', 'scopes'],
    ['a scope twice', grant({ scopes: ['read', 'read'] }), 'VALIDATION.DUPLICATE', 'scopes'],
    ['scopes not a list', grant({ scopes: 'read' }), 'VALIDATION.TYPE', 'scopes'],
    ['an expiry not after the grant', grant({ expiresAt: NOW }), 'GRANT.EXPIRY_NOT_AFTER_GRANT', 'expiresAt'],
    ['a bad expiry', grant({ expiresAt: 'tomorrow' }), 'VALIDATION.FORMAT', 'expiresAt'],
    ['an unregistered institution', grant({ institution: issuer('iss-9', 'unregistered') }), 'ISSUER.NOT_FOUND', 'institutionId'],
  ] as const)('refuses %s', (_label, command, code, field) => spec(account).when(command).thenThrows(code, field));

  it('withdraws a grant once; an unknown grant is not found', () => {
    const withdraw = (grantId: string): LearnerCommand => ({ type: 'WithdrawAccess', data: { grantId, learnerId: LEARNER, at: NOW } });
    const granted = [...account, grantedEvent('g-1', 'iss-2')];
    spec(granted)
      .when(withdraw('g-1'))
      .then([withdrawnEvent('g-1')]);
    spec([...granted, withdrawnEvent('g-1')])
      .when(withdraw('g-1'))
      .thenThrows('GRANT.ALREADY_WITHDRAWN', 'grantId');
    spec(granted).when(withdraw('g-9')).thenThrows('GRANT.NOT_FOUND', 'grantId');
    expect(fold(learnerDecider, [...granted, withdrawnEvent('g-1')]).grants['g-1'].withdrawnAt).toBe(NOW);
  });
});
