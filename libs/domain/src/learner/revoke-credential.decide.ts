import { formatCredits } from '../shared/credits';
import { DomainError } from '../shared/domain-error';
import { parseInstant } from '../shared/instant';
import { requireText } from '../shared/validation';
import { RevokeCredential } from './learner.commands';
import { CredentialRevoked } from './learner.events';
import { LearnerState } from './learner.state';
import { findCredential, requireRevoker } from './learner.rules';

/**
 * A transferred or stacked credential can be revoked too; the event then names the transfer it
 * leaves or the qualification it belongs to (which stays awarded, and shows the revoked component).
 */
export function revokeCredential({ data }: RevokeCredential, state: LearnerState): CredentialRevoked {
  const credential = findCredential(state, data.credentialId, 'credentialId');
  requireRevoker(data.actor, credential, data.credentialId);
  if (credential.status === 'revoked') {
    throw new DomainError('CREDENTIAL.ALREADY_REVOKED', `credential ${data.credentialId} is already revoked`, 'credentialId');
  }
  const { transferId, toIssuerId, qualificationId } = credential;
  return {
    type: 'CredentialRevoked',
    data: {
      credentialId: data.credentialId,
      learnerId: state.learnerId as string,
      issuerId: credential.issuerId,
      reason: requireText(data.reason, 'reason', 500),
      revokedAt: parseInstant(data.at, 'at'),
      ...(transferId !== undefined && { transferId }),
      ...(toIssuerId !== undefined && { toIssuerId }),
      ...(qualificationId !== undefined && { qualificationId }),
      credits: formatCredits(credential.credits),
    },
  };
}
