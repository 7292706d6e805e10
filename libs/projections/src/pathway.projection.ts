import { PathwayDefinedData } from './ledger-events';
import { DocumentProjection } from './projection';

/** The current definition of a pathway, with when each version was defined. */
export interface PathwayView {
  definition: PathwayDefinedData;
  firstDefinedAt: string;
  versions: Array<{ version: number; definedAt: string; seq: number }>;
}

export const pathwayViewProjection: DocumentProjection<PathwayView> = {
  collection: 'pathway',
  keysOf(event) {
    return event.type === 'PathwayDefined' ? [(event.data as unknown as PathwayDefinedData).pathwayId] : [];
  },
  evolve(view, event) {
    const definition = event.data as unknown as PathwayDefinedData;
    const version = { version: definition.version, definedAt: definition.definedAt, seq: event.seq };
    if (!view) return { definition, firstDefinedAt: definition.definedAt, versions: [version] };
    return { ...view, definition, versions: [...view.versions, version] };
  },
};

export const PATHWAY_INDEX_KEY = 'all';

/** Every pathway id in the order first defined, so progress can be shown toward each of them. */
export const pathwayIndexProjection: DocumentProjection<{ pathwayIds: string[] }> = {
  collection: 'pathway-index',
  keysOf(event) {
    return event.type === 'PathwayDefined' && (event.data as unknown as PathwayDefinedData).version === 1 ? [PATHWAY_INDEX_KEY] : [];
  },
  evolve(index, event) {
    const id = (event.data as unknown as PathwayDefinedData).pathwayId;
    const ids = index?.pathwayIds ?? [];
    return { pathwayIds: ids.includes(id) ? ids : [...ids, id] };
  },
};
