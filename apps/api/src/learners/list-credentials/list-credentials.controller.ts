import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { CredentialDto, toCredentialDto } from '../../credentials/get-credential/credential.dto';
import { CLOCK, Clock } from '../../shared/clock';
import { LedgerReads } from '../../shared/ledger-reads';
import { learnerIdParam } from '../learner-id.param';

@ApiTags('learners')
@ApiBearerAuth()
@Controller('v1/learners/:learnerId')
export class ListCredentialsController {
  constructor(
    private readonly reads: LedgerReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('credentials')
  @Roles('issuer', 'auditor', 'admin')
  @ApiOperation({ summary: "The learner's credentials, in issuance order, with their status" })
  @ApiOkResponse({ type: [CredentialDto] })
  async list(@Param('learnerId') learnerId: string): Promise<{ learnerId: string; credentials: CredentialDto[] }> {
    const view = this.reads.learner(learnerIdParam(learnerId));
    const now = this.clock.now();
    return {
      learnerId: view.learnerId,
      credentials: await Promise.all(
        Object.keys(view.credentials).map(async (id) => toCredentialDto(await this.reads.credential(id), now)),
      ),
    };
  }
}
