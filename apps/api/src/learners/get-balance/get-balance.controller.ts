import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { learnerBalance, LearnerBalance } from '@stackledger/projections';
import { ForLearner } from '../../auth/learner-access.decorator';
import { Roles } from '../../auth/roles.decorator';
import { CLOCK, Clock } from '../../shared/clock';
import { LedgerReads } from '../../shared/ledger-reads';
import { learnerIdParam } from '../learner-id.param';

@ApiTags('learners')
@ApiBearerAuth()
@ApiBearerAuth('learner')
@Controller('v1/learners/:learnerId')
export class GetBalanceController {
  constructor(
    private readonly reads: LedgerReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('balance')
  @Roles('learner', 'issuer', 'auditor', 'admin')
  @ForLearner('read')
  @ApiOperation({ summary: 'Credit balance: issued = available + transferred + revoked + expired, exactly' })
  balance(@Param('learnerId') learnerId: string): LearnerBalance {
    const asOfSeq = this.reads.asOfSeq();
    return learnerBalance(this.reads.learner(learnerIdParam(learnerId)), this.clock.now(), asOfSeq);
  }
}
