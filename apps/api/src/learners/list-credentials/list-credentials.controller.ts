import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LearnerReadScope } from '../../auth/access-policy';
import { ForLearner, LearnerScope } from '../../auth/learner-access.decorator';
import { Roles } from '../../auth/roles.decorator';
import { CredentialDto, toCredentialDto } from '../../credentials/get-credential/credential.dto';
import { CLOCK, Clock } from '../../shared/clock';
import { LedgerReads } from '../../shared/ledger-reads';
import { learnerIdParam } from '../learner-id.param';

@ApiTags('learners')
@ApiBearerAuth()
@ApiBearerAuth('learner')
@Controller('v1/learners/:learnerId')
export class ListCredentialsController {
  constructor(
    private readonly reads: LedgerReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('credentials')
  @Roles('learner', 'issuer', 'auditor', 'admin')
  @ForLearner('read-or-issued')
  @ApiOperation({
    summary:
      "The learner's credentials, in issuance order, with their status (an issuer without a read grant: only those it issued or received)",
  })
  @ApiOkResponse({ type: [CredentialDto] })
  async list(
    @Param('learnerId') learnerId: string,
    @LearnerScope() scope: LearnerReadScope,
  ): Promise<{ learnerId: string; credentials: CredentialDto[] }> {
    const view = this.reads.learner(learnerIdParam(learnerId));
    const now = this.clock.now();
    const credentials = await Promise.all(Object.keys(view.credentials).map((id) => this.reads.credential(id)));
    // Without a read grant an issuer still sees what it issued, or what was transferred to it.
    const visible = scope.all
      ? credentials
      : credentials.filter((c) => c.credential.issuerId === scope.issuerId || c.transfer?.toIssuerId === scope.issuerId);
    return { learnerId: view.learnerId, credentials: visible.map((c) => toCredentialDto(c, now)) };
  }
}
