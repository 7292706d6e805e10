import { LearnerAccessEvent } from './access.events';
import { LearnerState } from './learner.state';

export function evolveAccess(state: LearnerState, event: LearnerAccessEvent): LearnerState {
  switch (event.type) {
    case 'ClaimCodeIssued': {
      const { codeId, learnerId, issuerId, expiresAt } = event.data;
      return { ...state, learnerId, claimCodes: { ...state.claimCodes, [codeId]: { issuerId, expiresAt, used: false } } };
    }
    case 'LearnerClaimed': {
      const { codeId, learnerId, claimedAt } = event.data;
      const code = state.claimCodes[codeId];
      const claimCodes = code ? { ...state.claimCodes, [codeId]: { ...code, used: true } } : state.claimCodes;
      return { ...state, learnerId, claimedAt, claimCodes };
    }
    case 'LearnerKeyRotated':
      return state;
    case 'AccessGranted': {
      const { grantId, institutionId, scopes, expiresAt, grantedAt } = event.data;
      return { ...state, grants: { ...state.grants, [grantId]: { institutionId, scopes, expiresAt, grantedAt } } };
    }
    case 'AccessWithdrawn': {
      const grant = state.grants[event.data.grantId];
      if (!grant) return state;
      return { ...state, grants: { ...state.grants, [event.data.grantId]: { ...grant, withdrawnAt: event.data.withdrawnAt } } };
    }
  }
}
