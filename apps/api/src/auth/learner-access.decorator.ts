import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { LearnerReadScope } from './access-policy';

/**
 * How a route under `/v1/learners/{learnerId}` touches that learner, for the access policy:
 * - `read`: balance and pathway progress: the learner, an issuer under an active `read` grant, the auditor, the authority;
 * - `read-or-issued`: the credential list: as `read`, but an issuer without a grant sees the credentials it issued or received;
 * - `self`: the learner's own acts (grants, key rotation): the learner only;
 * - `self-or-audit`: the learner's own records (grants, access log): the learner, the auditor, the authority.
 */
export type LearnerAccess = 'read' | 'read-or-issued' | 'self' | 'self-or-audit';

export const LEARNER_ACCESS = 'stackledger:learner-access';

export const ForLearner = (access: LearnerAccess) => SetMetadata(LEARNER_ACCESS, access);

/** The scope the access policy gave this request (set by the guard on `@ForLearner` routes). */
export const LearnerScope = createParamDecorator(
  (_data: unknown, context: ExecutionContext): LearnerReadScope =>
    context.switchToHttp().getRequest<{ learnerScope?: LearnerReadScope }>().learnerScope ?? { all: true },
);
