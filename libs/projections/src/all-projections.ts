import { anchorBatchProjection, anchorHeadProjection } from './anchor-batches.projection';
import { credentialViewProjection } from './credential-view.projection';
import { ISSUER_KEY_PROJECTIONS } from './issuer-key.projection';
import { issuerViewProjection } from './issuer-view.projection';
import { learnerViewProjection } from './learner-view.projection';
import { LEARNER_KEY_PROJECTIONS, learnerGrantsProjection } from './learner-access.projection';
import { pathwayIndexProjection, pathwayViewProjection } from './pathway.projection';
import { DocumentProjection } from './projection';

/** Every read model of the public record (the events' data); the audit replay rebuilds exactly this list. */
export const ALL_PROJECTIONS: readonly DocumentProjection<unknown>[] = [
  issuerViewProjection,
  credentialViewProjection,
  learnerViewProjection,
  pathwayViewProjection,
  pathwayIndexProjection,
  anchorBatchProjection,
  anchorHeadProjection,
  learnerGrantsProjection,
] as DocumentProjection<unknown>[];

/** Every read model the API keeps: the public ones, and the issuer keys it authenticates with (from metadata). */
export const API_PROJECTIONS: readonly DocumentProjection<unknown>[] = [
  ...ALL_PROJECTIONS,
  ...(ISSUER_KEY_PROJECTIONS as readonly DocumentProjection<unknown>[]),
  ...(LEARNER_KEY_PROJECTIONS as readonly DocumentProjection<unknown>[]),
];
