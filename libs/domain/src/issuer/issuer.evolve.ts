import { unknownType } from '../shared/decider';
import { IssuerEvent } from './issuer.events';
import { IssuerKeyStatus, IssuerState } from './issuer.state';

export function evolveIssuer(state: IssuerState, event: IssuerEvent): IssuerState {
  switch (event.type) {
    case 'IssuerRegistered.v2': {
      const { issuerId, name, domain } = event.data;
      return { status: 'active', issuerId, name, ...(domain !== undefined && { domain }), keys: {} };
    }
    case 'IssuerApiKeyRotated':
      return state;
    case 'IssuerSuspended':
      if (state.status === 'unregistered') return state;
      return { ...registeredPart(state), status: 'suspended', ...optionalReason(event.data.reason) };
    case 'IssuerReinstated':
      if (state.status === 'unregistered') return state;
      return { ...registeredPart(state), status: 'active' };
    case 'IssuerKeyRegistered':
      if (state.status === 'unregistered') return state;
      return { ...state, keys: { ...state.keys, [event.data.keyId]: { status: 'live', registeredAt: event.data.registeredAt } } };
    case 'IssuerKeyRetired':
      return withKeyStatus(state, event.data.keyId, 'retired');
    case 'IssuerKeyRevoked':
      return withKeyStatus(state, event.data.keyId, 'revoked');
    default:
      return unknownType('event', event);
  }
}

function withKeyStatus(state: IssuerState, keyId: string, status: IssuerKeyStatus): IssuerState {
  if (state.status === 'unregistered' || !Object.hasOwn(state.keys, keyId)) return state;
  return { ...state, keys: { ...state.keys, [keyId]: { ...state.keys[keyId], status } } };
}

function registeredPart(state: Exclude<IssuerState, { status: 'unregistered' }>) {
  const { issuerId, name, domain, keys } = state;
  return { issuerId, name, ...(domain !== undefined && { domain }), keys };
}

function optionalReason(reason: string | undefined): { reason?: string } {
  return reason === undefined ? {} : { reason };
}
