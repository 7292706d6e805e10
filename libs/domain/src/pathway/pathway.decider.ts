import { upcastEvent } from '../events';
import { Decider } from '../shared/decider';
import { PathwayCommand } from './pathway.commands';
import { decidePathway } from './pathway.decide';
import { PathwayEvent } from './pathway.events';
import { evolvePathway } from './pathway.evolve';
import { initialPathwayState, PathwayState } from './pathway.state';

export const pathwayDecider: Decider<PathwayCommand, PathwayEvent, PathwayState> = {
  initialState: initialPathwayState,
  evolve: (state, event) => evolvePathway(state, upcastEvent<PathwayEvent>(event)),
  decide: decidePathway,
};
