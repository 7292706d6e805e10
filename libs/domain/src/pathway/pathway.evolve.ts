import { unknownType } from '../shared/decider';
import { PathwayEvent } from './pathway.events';
import { PathwayState } from './pathway.state';

export function evolvePathway(_state: PathwayState, event: PathwayEvent): PathwayState {
  switch (event.type) {
    case 'PathwayDefined':
      return { status: 'defined', definition: event.data };
    default:
      return unknownType('event', event as never);
  }
}
