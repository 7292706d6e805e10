import { Decider } from '../shared/decider';
import { decideLearner } from './learner.decide';
import { LearnerCommand } from './learner.commands';
import { LEARNER_EVENT_TYPES, LearnerEvent } from './learner.events';
import { evolveLearner } from './learner.evolve';
import { initialLearnerState, LearnerState } from './learner.state';

export const learnerDecider: Decider<LearnerCommand, LearnerEvent, LearnerState> = {
  eventTypes: LEARNER_EVENT_TYPES,
  initialState: initialLearnerState,
  evolve: evolveLearner,
  decide: decideLearner,
};
