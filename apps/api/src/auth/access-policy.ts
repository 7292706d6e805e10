import { Inject, Injectable } from '@nestjs/common';
import { DomainError, LearnerGrant, requireGrant } from '@stackledger/domain';
import { LearnerGrantsView } from '@stackledger/projections';
import { ApplicationError } from '../errors/application-error';
import { ReadModelStore } from '../projections/read-model.store';
import { READ_MODELS } from '../projections/read-models.token';
import { CLOCK, Clock } from '../shared/clock';
import type { LearnerAccess } from './learner-access.decorator';
import { Principal } from './principal';

/** What the caller may see of the learner: everything, or only the credentials one issuer issued or received. */
export type LearnerReadScope = { all: true } | { all: false; issuerId: string };

/**
 * Who reads or acts on a learner's data: the one place the rules are written, asked by the guard
 * for every route under `/v1/learners/{learnerId}`. The learner reads and acts on everything of
 * its own; the auditor and the authority read everything; an issuer reads a learner's data only
 * under an active `read` grant (without one, the credential list shows only what it issued or
 * received). Transfers and awards are not decided here: the learner stream decides them with the
 * grant, so a withdrawal and a transfer cannot both win.
 */
@Injectable()
export class AccessPolicy {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  check(principal: Principal, access: LearnerAccess, learnerId: string): LearnerReadScope {
    if (principal.kind === 'learner') {
      if (principal.learnerId === learnerId) return { all: true };
      throw new ApplicationError('AUTH.FORBIDDEN', "a learner key opens only its own learner's data", 'learnerId');
    }
    if (access === 'self') throw new ApplicationError('AUTH.FORBIDDEN', 'only the learner itself may do this', 'Authorization');
    if (principal.kind === 'admin' || principal.kind === 'auditor') return { all: true };
    if (access === 'self-or-audit') {
      throw new ApplicationError('AUTH.FORBIDDEN', 'only the learner, the auditor or the authority may read this', 'Authorization');
    }
    try {
      requireGrant(this.grantsOf(learnerId), learnerId, principal.issuerId, 'read', this.clock.now());
      return { all: true };
    } catch (error) {
      if (access === 'read-or-issued' && error instanceof DomainError) return { all: false, issuerId: principal.issuerId };
      throw error;
    }
  }

  private grantsOf(learnerId: string): Record<string, LearnerGrant> {
    const view = this.readModels.get<LearnerGrantsView>('learner-grants', learnerId);
    return Object.fromEntries((view?.grants ?? []).map(({ grantId, ...grant }) => [grantId, grant]));
  }
}
