import { Decider } from '../shared/decider';
import { AnchorCommand } from './anchor.commands';
import { decideAnchor } from './anchor.decide';
import { ANCHOR_EVENT_TYPES, AnchorEvent, ContractLocation, sameContract } from './anchor.events';
import { evolveAnchor } from './anchor.evolve';
import { AnchorState, initialAnchorState } from './anchor.state';

/** The `anchor` stream's rules for one contract: it folds that contract's records and leaves the others' as history. */
export function anchorDecider(location: ContractLocation): Decider<AnchorCommand, AnchorEvent, AnchorState> {
  const here: ContractLocation = { chainId: location.chainId, contract: location.contract };
  return {
    eventTypes: ANCHOR_EVENT_TYPES,
    initialState: initialAnchorState,
    evolve: (state, event) => (sameContract(event.data, here) ? evolveAnchor(state, event) : state),
    decide: (command, state) => decideAnchor(here, command, state),
  };
}
