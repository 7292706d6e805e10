import { evolveAccess } from './access.evolve';
import { CredentialDocument } from '../credential/credential-document';
import { parseCredits } from '../shared/credits';
import { unknownType } from '../shared/decider';
import { CreditsTransferred, LearnerEvent, QualificationDocument } from './learner.events';
import { LearnerCredential, LearnerState } from './learner.state';

export function evolveLearner(state: LearnerState, event: LearnerEvent): LearnerState {
  switch (event.type) {
    case 'CredentialIssued':
      return issued(state, event.data.credential);
    case 'CredentialRevoked':
      return update(state, [event.data.credentialId], { status: 'revoked' });
    case 'CreditsTransferred':
      return transferred(state, event.data);
    case 'QualificationAwarded':
      return awarded(state, event.data.credential);
    case 'ClaimCodeIssued':
    case 'LearnerClaimed':
    case 'LearnerKeyRotated':
    case 'AccessGranted':
    case 'AccessWithdrawn':
      return evolveAccess(state, event);
    default:
      return unknownType('event', event);
  }
}

function entryOf(credential: CredentialDocument): LearnerCredential {
  return {
    issuerId: credential.issuerId,
    credits: parseCredits(credential.credits, 'credits'),
    hours: credential.hours,
    level: credential.level,
    skills: credential.skills,
    creditBasis: credential.creditBasis,
    issuedAt: credential.issuedAt,
    validUntil: credential.validUntil,
    status: 'active',
  };
}

function issued(state: LearnerState, credential: CredentialDocument): LearnerState {
  return { ...state, learnerId: credential.learnerId, credentials: { ...state.credentials, [credential.id]: entryOf(credential) } };
}

function transferred(state: LearnerState, data: CreditsTransferred['data']): LearnerState {
  const { transferId, toIssuerId, programme, credentialIds, transferredAt } = data;
  const next = update(state, credentialIds, { status: 'transferred', transferId, toIssuerId });
  const transfer = { toIssuerId, programme, credentialIds, credits: parseCredits(data.credits, 'credits'), transferredAt };
  return { ...next, transfers: { ...next.transfers, [transferId]: transfer } };
}

function awarded(state: LearnerState, credential: QualificationDocument): LearnerState {
  const { pathwayId, pathwayVersion, components } = credential;
  const next = update(state, components, { status: 'stacked', qualificationId: credential.id });
  const entry = { ...entryOf(credential), qualification: { pathwayId, pathwayVersion, components } };
  return { ...next, learnerId: credential.learnerId, credentials: { ...next.credentials, [credential.id]: entry } };
}

function update(state: LearnerState, ids: string[], change: Partial<LearnerCredential>): LearnerState {
  const credentials = { ...state.credentials };
  for (const id of ids) {
    if (credentials[id]) credentials[id] = { ...credentials[id], ...change };
  }
  return { ...state, credentials };
}
