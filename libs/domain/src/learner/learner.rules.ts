import { DomainError } from '../shared/domain-error';
import { Actor, IssuerSnapshot } from './learner.commands';
import { LearnerCredential, LearnerState } from './learner.state';

/** A suspended or unknown issuer can neither issue nor receive credits. */
export function requireActiveIssuer(issuer: IssuerSnapshot, field: string): void {
  switch (issuer.status) {
    case 'active':
      return;
    case 'suspended':
      throw new DomainError('ISSUER.SUSPENDED', `issuer ${issuer.issuerId} is suspended`, field);
    case 'unregistered':
      throw new DomainError('ISSUER.NOT_FOUND', `issuer ${issuer.issuerId} is not registered`, field);
    default: {
      const unknown: never = issuer.status;
      throw new DomainError('ISSUER.NOT_FOUND', `issuer ${issuer.issuerId} has unknown status ${String(unknown)}`, field);
    }
  }
}

export function findCredential(state: LearnerState, credentialId: string, field: string, learnerId?: string): LearnerCredential {
  const credential = Object.hasOwn(state.credentials, credentialId) ? state.credentials[credentialId] : undefined;
  if (!credential || (learnerId !== undefined && learnerId !== state.learnerId)) {
    const whose = learnerId === undefined ? '' : ` for learner ${learnerId}`;
    throw new DomainError('CREDENTIAL.NOT_FOUND', `credential ${credentialId} was not found${whose}`, field);
  }
  return credential;
}

/** Only the issuing issuer, while active, or the authority (admin), may revoke. */
export function requireRevoker(actor: Actor, credential: LearnerCredential, credentialId: string): void {
  if (actor.kind === 'admin') return;
  requireActiveIssuer(actor, 'actor');
  if (actor.issuerId === credential.issuerId) return;
  throw new DomainError('CREDENTIAL.NOT_ISSUER', `only the issuer of credential ${credentialId} or an admin may revoke it`, 'credentialId');
}
