import { Decider } from '../shared/decider';
import { PathwayCommand } from './pathway.commands';
import { decidePathway } from './pathway.decide';
import { PATHWAY_EVENT_TYPES, PathwayEvent } from './pathway.events';
import { evolvePathway } from './pathway.evolve';
import { initialPathwayState, PathwayState } from './pathway.state';

export const pathwayDecider: Decider<PathwayCommand, PathwayEvent, PathwayState> = {
  eventTypes: PATHWAY_EVENT_TYPES,
  initialState: initialPathwayState,
  evolve: evolvePathway,
  decide: decidePathway,
};
