import { createCredentialDocument } from '../credential/credential-document';
import { DomainError } from '../shared/domain-error';
import { IssueCredential } from './learner.commands';
import { CredentialIssued } from './learner.events';
import { LearnerState } from './learner.state';
import { requireActiveIssuer } from './learner.rules';

export function issueCredential({ data }: IssueCredential, state: LearnerState): CredentialIssued {
  requireActiveIssuer(data.issuer, 'issuerId');
  if (Object.hasOwn(state.credentials, data.credentialId)) {
    throw new DomainError('CREDENTIAL.ALREADY_ISSUED', `credential ${data.credentialId} is already issued`, 'id');
  }
  const credential = createCredentialDocument({
    id: data.credentialId,
    issuerId: data.issuer.issuerId,
    salt: data.salt,
    issuedAt: data.issuedAt,
    input: data.input,
  });
  if (state.learnerId !== undefined && state.learnerId !== credential.learnerId) {
    throw new Error(`IssueCredential for learner ${credential.learnerId} was sent to the stream of learner ${state.learnerId}`);
  }
  return { type: 'CredentialIssued', data: { credential } };
}
