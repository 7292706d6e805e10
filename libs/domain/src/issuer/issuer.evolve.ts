import { unknownType } from '../shared/decider';
import { IssuerEvent } from './issuer.events';
import { IssuerState } from './issuer.state';

export function evolveIssuer(state: IssuerState, event: IssuerEvent): IssuerState {
  switch (event.type) {
    case 'IssuerRegistered.v2':
      return { status: 'active', issuerId: event.data.issuerId, name: event.data.name };
    case 'IssuerApiKeyRotated':
      return state;
    case 'IssuerSuspended':
      return state.status === 'unregistered'
        ? state
        : { status: 'suspended', issuerId: state.issuerId, name: state.name, ...optionalReason(event.data.reason) };
    case 'IssuerReinstated':
      return state.status === 'unregistered' ? state : { status: 'active', issuerId: state.issuerId, name: state.name };
    default:
      return unknownType('event', event);
  }
}

function optionalReason(reason: string | undefined): { reason?: string } {
  return reason === undefined ? {} : { reason };
}
