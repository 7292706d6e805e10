import { PathwayDefinition } from './pathway.events';

export type PathwayState = { status: 'undefined' } | { status: 'defined'; definition: PathwayDefinition };

export const initialPathwayState = (): PathwayState => ({ status: 'undefined' });
