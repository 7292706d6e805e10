import { upcastEvent } from '../events';
import { Decider } from '../shared/decider';
import { decideLearner } from './learner.decide';
import { LearnerCommand } from './learner.commands';
import { LearnerEvent } from './learner.events';
import { evolveLearner } from './learner.evolve';
import { initialLearnerState, LearnerState } from './learner.state';

export const learnerDecider: Decider<LearnerCommand, LearnerEvent, LearnerState> = {
  initialState: initialLearnerState,
  evolve: (state, event) => evolveLearner(state, upcastEvent<LearnerEvent>(event)),
  decide: decideLearner,
};
