import { given } from '../testing/given';
import { documentOf, issueCommand, issued, LEARNER, revokeCommand, transferredEvent } from '../testing/learner.fixtures';
import { validInput } from '../testing/credential.fixtures';
import { learnerDecider } from './learner.decider';
import { LearnerEvent } from './learner.events';

const spec = given(learnerDecider);

describe('IssueCredential', () => {
  it('on a new learner stream records CredentialIssued with the full document', () =>
    spec([])
      .when(issueCommand('c-1'))
      .then([{ type: 'CredentialIssued', data: { credential: documentOf('c-1') } }]));

  it('next to other credentials in every status records CredentialIssued', () => {
    const history: LearnerEvent[] = [
      issued('c-1'),
      issued('c-2'),
      issued('c-3', 'iss-1', 400, '2026-04-01'),
      transferredEvent('tr-1', ['c-2'], '4'),
      { type: 'CredentialRevoked', data: { ...revokedData('c-1') } },
    ];
    spec(history)
      .when(issueCommand('c-4'))
      .then([{ type: 'CredentialIssued', data: { credential: documentOf('c-4') } }]);
  });

  it('rejects a suspended issuer', () =>
    spec([])
      .when(issueCommand('c-1', 'iss-1', { issuer: { issuerId: 'iss-1', status: 'suspended' } }))
      .thenThrows('ISSUER.SUSPENDED', 'issuerId'));

  it('rejects an unregistered issuer', () =>
    spec([])
      .when(issueCommand('c-1', 'iss-9', { issuer: { issuerId: 'iss-9', status: 'unregistered' } }))
      .thenThrows('ISSUER.NOT_FOUND', 'issuerId'));

  it.each([['active'], ['transferred'], ['revoked']])('rejects the same credential id twice (existing one %s)', (status) => {
    const history: LearnerEvent[] = [issued('c-1')];
    if (status === 'transferred') history.push(transferredEvent('tr-1', ['c-1'], '4'));
    if (status === 'revoked') history.push({ type: 'CredentialRevoked', data: revokedData('c-1') });
    spec(history).when(issueCommand('c-1')).thenThrows('CREDENTIAL.ALREADY_ISSUED', 'id');
  });

  it('rejects invalid input with the field named', () =>
    spec([])
      .when(issueCommand('c-1', 'iss-1', { input: validInput({ credits: 900 }) }))
      .thenThrows('CREDENTIAL.CREDITS_HOURS_MISMATCH', 'credits'));

  it('rejects a bad salt', () =>
    spec([])
      .when(issueCommand('c-1', 'iss-1', { salt: '0x1234' }))
      .thenThrows('VALIDATION.FORMAT', 'salt'));

  it("refuses a command routed to another learner's stream", () => {
    const command = issueCommand('c-2', 'iss-1', { input: validInput({ learnerId: 'someone-else' }) });
    expect(() => learnerDecider.decide(command, learnerDecider.evolve(learnerDecider.initialState(), issued('c-1')))).toThrow(
      `IssueCredential for learner someone-else was sent to the stream of learner ${LEARNER}`,
    );
  });

  it('an issued credential can then be revoked by its issuer', () =>
    spec([issued('c-1')])
      .when(revokeCommand('c-1'))
      .then([{ type: 'CredentialRevoked', data: revokedData('c-1') }]));
});

function revokedData(credentialId: string) {
  return {
    credentialId,
    learnerId: LEARNER,
    issuerId: 'iss-1',
    reason: 'assessment fraud',
    revokedAt: '2026-06-01T09:00:00.000Z',
    credits: '4',
  };
}
