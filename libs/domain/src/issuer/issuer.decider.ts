import { upcastEvent } from '../events';
import { Decider } from '../shared/decider';
import { IssuerCommand } from './issuer.commands';
import { decideIssuer } from './issuer.decide';
import { IssuerEvent } from './issuer.events';
import { evolveIssuer } from './issuer.evolve';
import { initialIssuerState, IssuerState } from './issuer.state';

export const issuerDecider: Decider<IssuerCommand, IssuerEvent, IssuerState> = {
  initialState: initialIssuerState,
  evolve: (state, event) => evolveIssuer(state, upcastEvent<IssuerEvent>(event)),
  decide: decideIssuer,
};
