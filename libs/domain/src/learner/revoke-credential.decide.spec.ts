import { given } from '../testing/given';
import { issued, LEARNER, NOW, revokeCommand, transferredEvent } from '../testing/learner.fixtures';
import { learnerDecider } from './learner.decider';
import { CredentialRevoked } from './learner.events';

const spec = given(learnerDecider);

const revoked = (credentialId: string, extra: Partial<CredentialRevoked['data']> = {}): CredentialRevoked => ({
  type: 'CredentialRevoked',
  data: {
    credentialId,
    learnerId: LEARNER,
    issuerId: 'iss-1',
    reason: 'assessment fraud',
    revokedAt: NOW,
    credits: '4.5',
    ...extra,
  },
});

describe('RevokeCredential', () => {
  it('of an active credential by its issuer records CredentialRevoked with its credits', () =>
    spec([issued('c-1', 'iss-1', 450)])
      .when(revokeCommand('c-1'))
      .then([revoked('c-1')]));

  it('by an admin is accepted', () =>
    spec([issued('c-1', 'iss-1', 450)])
      .when(revokeCommand('c-1', { kind: 'admin' }))
      .then([revoked('c-1')]));

  it('trims the reason', () =>
    spec([issued('c-1', 'iss-1', 450)])
      .when(revokeCommand('c-1', { kind: 'admin' }, '  assessment fraud '))
      .then([revoked('c-1')]));

  it('of a transferred credential names the affected transfer and receiver', () =>
    spec([issued('c-1', 'iss-1', 450), issued('c-2'), transferredEvent('tr-1', ['c-1', 'c-2'], '8.5')])
      .when(revokeCommand('c-1'))
      .then([revoked('c-1', { transferId: 'tr-1', toIssuerId: 'iss-2' })]));

  it('of an expired credential is accepted (expiry has no event)', () =>
    spec([issued('c-1', 'iss-1', 450, '2026-04-01')])
      .when(revokeCommand('c-1'))
      .then([revoked('c-1')]));

  it('with a lone surrogate in the reason is refused: no canonical JSON could hold it', () =>
    spec([issued('c-1', 'iss-1', 450)])
      .when(revokeCommand('c-1', { kind: 'admin' }, 'fraud \udfff'))
      .thenThrows('VALIDATION.FORMAT', 'reason'));

  it('of an unknown credential is not found', () =>
    spec([issued('c-1')])
      .when(revokeCommand('c-404'))
      .thenThrows('CREDENTIAL.NOT_FOUND', 'credentialId'));

  it('on an empty stream is not found', () => spec([]).when(revokeCommand('c-1')).thenThrows('CREDENTIAL.NOT_FOUND'));

  it('by its own issuer while suspended is refused: only the authority revokes then', () =>
    spec([issued('c-1', 'iss-1', 450)])
      .when(revokeCommand('c-1', { kind: 'issuer', issuerId: 'iss-1', status: 'suspended' }))
      .thenThrows('ISSUER.SUSPENDED', 'actor'));

  it('by an issuer the ledger does not know is refused', () =>
    spec([issued('c-1', 'iss-1', 450)])
      .when(revokeCommand('c-1', { kind: 'issuer', issuerId: 'iss-1', status: 'unregistered' }))
      .thenThrows('ISSUER.NOT_FOUND'));

  it('by another issuer is forbidden', () =>
    spec([issued('c-1')])
      .when(revokeCommand('c-1', { kind: 'issuer', issuerId: 'iss-2', status: 'active' }))
      .thenThrows('CREDENTIAL.NOT_ISSUER'));

  it('by the receiving institution of a transfer is forbidden', () =>
    spec([issued('c-1'), transferredEvent('tr-1', ['c-1'], '4')])
      .when(revokeCommand('c-1', { kind: 'issuer', issuerId: 'iss-2', status: 'active' }))
      .thenThrows('CREDENTIAL.NOT_ISSUER'));

  it('twice is a conflict', () =>
    spec([issued('c-1', 'iss-1', 450), revoked('c-1')])
      .when(revokeCommand('c-1'))
      .thenThrows('CREDENTIAL.ALREADY_REVOKED'));

  it('twice after a transfer is a conflict', () =>
    spec([
      issued('c-1', 'iss-1', 450),
      transferredEvent('tr-1', ['c-1'], '4.5'),
      revoked('c-1', { transferId: 'tr-1', toIssuerId: 'iss-2' }),
    ])
      .when(revokeCommand('c-1', { kind: 'admin' }))
      .thenThrows('CREDENTIAL.ALREADY_REVOKED'));

  it('of an already revoked credential by another issuer is forbidden, not a conflict', () =>
    spec([issued('c-1', 'iss-1', 450), revoked('c-1')])
      .when(revokeCommand('c-1', { kind: 'issuer', issuerId: 'iss-2', status: 'active' }))
      .thenThrows('CREDENTIAL.NOT_ISSUER'));

  it.each([[''], ['   '], ['r'.repeat(501)]])('with reason %p is rejected', (reason) => {
    const error = spec([issued('c-1')])
      .when(revokeCommand('c-1', { kind: 'admin' }, reason))
      .error();
    expect([error.field, error.kind]).toEqual(['reason', 'validation']);
  });

  it('with a 500-character reason is accepted', () =>
    spec([issued('c-1', 'iss-1', 450)])
      .when(revokeCommand('c-1', { kind: 'admin' }, 'r'.repeat(500)))
      .then([revoked('c-1', { reason: 'r'.repeat(500) })]));
});
