import { createCredentialDocument } from '../credential/credential-document';
import { DomainError } from '../shared/domain-error';
import { IssueCredential } from './learner.commands';
import { CredentialIssued } from './learner.events';
import { LearnerState } from './learner.state';
import { requireActiveIssuer } from './learner.rules';
import { requireAsBuilt, requireLiveSigningKey, requireSignatureIfKeyed } from './signed-credential.rules';

export function issueCredential({ data }: IssueCredential, state: LearnerState): CredentialIssued {
  requireActiveIssuer(data.issuer, 'issuerId');
  const { signed } = data;
  if (signed === undefined) requireSignatureIfKeyed(data.issuer);
  if (Object.hasOwn(state.credentials, data.credentialId)) {
    throw new DomainError('CREDENTIAL.ALREADY_ISSUED', `credential ${data.credentialId} is already issued`, 'id');
  }
  const built = createCredentialDocument({
    id: data.credentialId,
    issuerId: data.issuer.issuerId,
    salt: data.salt,
    issuedAt: data.issuedAt,
    input: data.input,
  });
  if (state.learnerId !== undefined && state.learnerId !== built.learnerId) {
    throw new Error(`IssueCredential for learner ${built.learnerId} was sent to the stream of learner ${state.learnerId}`);
  }
  if (signed === undefined) return { type: 'CredentialIssued', data: { credential: built } };
  requireLiveSigningKey(data.issuer, signed, built.issuedAt);
  const credential = requireAsBuilt(built, data.issuer, signed.credential);
  const openBadgeProof = signed.openBadgeProof;
  return { type: 'CredentialIssued', data: { credential, ...(openBadgeProof !== undefined && { openBadgeProof }) } };
}
