import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PathwayDefinition } from '@stackledger/domain';
import { pathwayProgress, PathwayProgress } from '@stackledger/projections';
import { ForLearner } from '../../auth/learner-access.decorator';
import { Roles } from '../../auth/roles.decorator';
import { CLOCK, Clock } from '../../shared/clock';
import { LedgerReads } from '../../shared/ledger-reads';
import { learnerIdParam } from '../learner-id.param';

@ApiTags('learners')
@ApiBearerAuth()
@ApiBearerAuth('learner')
@Controller('v1/learners/:learnerId')
export class PathwayProgressController {
  constructor(
    private readonly reads: LedgerReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('pathways')
  @Roles('learner', 'issuer', 'auditor', 'admin')
  @ForLearner('read')
  @ApiOperation({ summary: "The learner's progress toward every pathway: what counts, what is missing, what an award would stack" })
  progress(@Param('learnerId') learnerId: string): { learnerId: string; asOfSeq: number; pathways: PathwayProgress[] } {
    const asOfSeq = this.reads.asOfSeq();
    const learner = this.reads.learner(learnerIdParam(learnerId));
    const now = this.clock.now();
    const pathways = this.reads
      .pathwayIds()
      .map((id) => pathwayProgress(this.reads.pathway(id).definition as PathwayDefinition, learner, now));
    return { learnerId: learner.learnerId, asOfSeq, pathways };
  }
}
