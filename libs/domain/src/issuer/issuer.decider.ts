import { Decider } from '../shared/decider';
import { IssuerCommand } from './issuer.commands';
import { decideIssuer } from './issuer.decide';
import { ISSUER_EVENT_TYPES, IssuerEvent } from './issuer.events';
import { evolveIssuer } from './issuer.evolve';
import { initialIssuerState, IssuerState } from './issuer.state';

export const issuerDecider: Decider<IssuerCommand, IssuerEvent, IssuerState> = {
  eventTypes: ISSUER_EVENT_TYPES,
  initialState: initialIssuerState,
  evolve: evolveIssuer,
  decide: decideIssuer,
};
