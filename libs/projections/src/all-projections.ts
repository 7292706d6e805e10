import { anchorBatchProjection, anchorHeadProjection } from './anchor-batches.projection';
import { credentialViewProjection } from './credential-view.projection';
import { issuerKeyProjection, issuerViewProjection } from './issuer-view.projection';
import { learnerViewProjection } from './learner-view.projection';
import { pathwayIndexProjection, pathwayViewProjection } from './pathway.projection';
import { DocumentProjection } from './projection';

/** Every read model the API serves; the audit replay rebuilds exactly this list. */
export const ALL_PROJECTIONS: readonly DocumentProjection<unknown>[] = [
  issuerViewProjection,
  issuerKeyProjection,
  credentialViewProjection,
  learnerViewProjection,
  pathwayViewProjection,
  pathwayIndexProjection,
  anchorBatchProjection,
  anchorHeadProjection,
] as DocumentProjection<unknown>[];
