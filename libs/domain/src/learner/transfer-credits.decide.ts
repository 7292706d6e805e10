import { formatCredits } from '../shared/credits';
import { DomainError } from '../shared/domain-error';
import { parseInstant } from '../shared/instant';
import { requireArray, requireId, requireText } from '../shared/validation';
import { TransferCredits } from './learner.commands';
import { CreditsTransferred } from './learner.events';
import { learnerStatusOf } from './learner-status';
import { LearnerCredential, LearnerState } from './learner.state';
import { findCredential, requireActiveIssuer } from './learner.rules';
import { requireGrantIn } from './access.rules';

export const MAX_TRANSFER_CREDENTIALS = 1000;

/**
 * Whole credentials only: each moves once, to an active institution other than its issuer, which
 * holds the learner's active `transfer` grant at the transfer's instant.
 */
export function transferCredits({ data }: TransferCredits, state: LearnerState): CreditsTransferred {
  const transferId = requireId(data.transferId, 'transferId');
  const credentialIds = requireCredentialIds(data.credentialIds);
  const programme = requireText(data.programme, 'programme', 200);
  const transferredAt = parseInstant(data.at, 'at');
  requireActiveIssuer(data.toIssuer, 'toIssuerId');
  requireGrantIn(state, data.learnerId, data.toIssuer.issuerId, 'transfer', transferredAt);
  if (Object.hasOwn(state.transfers, transferId)) {
    throw new DomainError('TRANSFER.ALREADY_RECORDED', `transfer ${transferId} is already recorded`, 'transferId');
  }
  const total = credentialIds
    .map((id) => transferable(state, data, id, transferredAt))
    .reduce((sum, credential) => sum + credential.credits, 0);
  return {
    type: 'CreditsTransferred',
    data: {
      transferId,
      learnerId: data.learnerId,
      toIssuerId: data.toIssuer.issuerId,
      programme,
      credentialIds,
      credits: formatCredits(total),
      transferredAt,
    },
  };
}

function requireCredentialIds(value: unknown): string[] {
  const ids = requireArray(value, 'credentialIds').map((id) => requireId(id, 'credentialIds'));
  if (ids.length === 0) throw new DomainError('TRANSFER.EMPTY', 'credentialIds must name at least one credential', 'credentialIds');
  if (ids.length > MAX_TRANSFER_CREDENTIALS) {
    throw new DomainError('VALIDATION.LENGTH', `credentialIds must name at most ${MAX_TRANSFER_CREDENTIALS} credentials`, 'credentialIds');
  }
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) {
    throw new DomainError('TRANSFER.DUPLICATE_CREDENTIAL', `credentialIds names ${repeated} more than once`, 'credentialIds');
  }
  return ids;
}

function transferable(state: LearnerState, data: TransferCredits['data'], id: string, at: string): LearnerCredential {
  const credential = findCredential(state, id, 'credentialIds', data.learnerId);
  const field = 'credentialIds';
  if (credential.qualification !== undefined) {
    throw new DomainError(
      'CREDIT.IS_QUALIFICATION',
      `credential ${id} is a stacked qualification; its credits are those of its components and cannot move`,
      field,
    );
  }
  switch (learnerStatusOf(credential, at)) {
    case 'revoked':
      throw new DomainError('CREDIT.REVOKED', `credential ${id} is revoked and its credits cannot be transferred`, field);
    case 'transferred':
      throw new DomainError(
        'CREDIT.ALREADY_TRANSFERRED',
        `the credits of credential ${id} were already transferred (transfer ${credential.transferId})`,
        field,
      );
    case 'stacked':
      throw new DomainError(
        'CREDIT.ALREADY_STACKED',
        `credential ${id} is stacked into qualification ${credential.qualificationId} and its credits cannot be transferred`,
        field,
      );
    case 'expired':
      throw new DomainError('CREDIT.EXPIRED', `credential ${id} expired at ${credential.validUntil}`, field);
    case 'active':
      break;
  }
  if (credential.issuerId === data.toIssuer.issuerId) {
    throw new DomainError(
      'TRANSFER.SAME_INSTITUTION',
      `credential ${id} was issued by ${credential.issuerId}, the receiving institution itself`,
      field,
    );
  }
  return credential;
}
