import { parseCredits } from '../shared/credits';
import { unknownType } from '../shared/decider';
import { CredentialIssued, CreditsTransferred, LearnerEvent } from './learner.events';
import { LearnerCredential, LearnerState } from './learner.state';

export function evolveLearner(state: LearnerState, event: LearnerEvent): LearnerState {
  switch (event.type) {
    case 'CredentialIssued':
      return issued(state, event.data.credential);
    case 'CredentialRevoked':
      return update(state, [event.data.credentialId], { status: 'revoked' });
    case 'CreditsTransferred':
      return transferred(state, event.data);
    default:
      return unknownType('event', event);
  }
}

function issued(state: LearnerState, credential: CredentialIssued['data']['credential']): LearnerState {
  const entry: LearnerCredential = {
    issuerId: credential.issuerId,
    credits: parseCredits(credential.credits, 'credits'),
    level: credential.level,
    validUntil: credential.validUntil,
    status: 'active',
  };
  return { ...state, learnerId: credential.learnerId, credentials: { ...state.credentials, [credential.id]: entry } };
}

function transferred(state: LearnerState, data: CreditsTransferred['data']): LearnerState {
  const { transferId, toIssuerId, programme, credentialIds, transferredAt } = data;
  const next = update(state, credentialIds, { status: 'transferred', transferId, toIssuerId });
  const transfer = { toIssuerId, programme, credentialIds, credits: parseCredits(data.credits, 'credits'), transferredAt };
  return { ...next, transfers: { ...next.transfers, [transferId]: transfer } };
}

function update(state: LearnerState, ids: string[], change: Partial<LearnerCredential>): LearnerState {
  const credentials = { ...state.credentials };
  for (const id of ids) {
    if (credentials[id]) credentials[id] = { ...credentials[id], ...change };
  }
  return { ...state, credentials };
}
