import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ACCESS_LOG, AccessLog } from '../../auth/access-log';
import { ForLearner } from '../../auth/learner-access.decorator';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { CLOCK, Clock } from '../../shared/clock';
import { LedgerReads } from '../../shared/ledger-reads';
import { uuidParam } from '../../shared/request-fields';
import { RotatedApiKeyDto } from '../../issuers/rotate-api-key/rotate-api-key.dto';
import { learnerIdParam } from '../learner-id.param';
import { AccessLogDto, GrantDto, GrantRequestDto, GrantsDto, toGrantDto } from './learner-access.dto';
import { LearnerAccessService } from './learner-access.service';

/** The learner's consent (grants), its key and its access log: the learner acts; the auditor and the authority read. */
@ApiTags('learners')
@ApiBearerAuth('learner')
@Controller('v1/learners/:learnerId')
export class GrantsController {
  constructor(
    private readonly access: LearnerAccessService,
    private readonly reads: LedgerReads,
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('grants')
  @HttpCode(201)
  @Roles('learner')
  @ForLearner('self')
  @ApiOperation({ summary: 'Grant an institution read, transfer and/or stack access until expiresAt (records AccessGranted)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ type: GrantRequestDto })
  @ApiCreatedResponse({ type: GrantDto })
  grant(
    @Param('learnerId') learnerId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<GrantDto> {
    return this.access.grant(learnerIdParam(learnerId), body, principal, idempotencyKey);
  }

  @Get('grants')
  @Roles('learner', 'auditor', 'admin')
  @ForLearner('self-or-audit')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The learner's grants, with their status (active, expired, withdrawn)" })
  @ApiOkResponse({ type: GrantsDto })
  grants(@Param('learnerId') learnerId: string): GrantsDto {
    const view = this.reads.grants(learnerIdParam(learnerId));
    const now = this.clock.now();
    return { learnerId: view.learnerId, grants: view.grants.map((g) => toGrantDto(g, now)) };
  }

  @Delete('grants/:grantId')
  @HttpCode(200)
  @Roles('learner')
  @ForLearner('self')
  @ApiOperation({ summary: 'Withdraw a grant (records AccessWithdrawn): from then on no transfer or award under it is decided' })
  @ApiOkResponse({ type: GrantDto })
  @ApiForbiddenResponse({ description: "another learner's grants (AUTH.FORBIDDEN)" })
  withdraw(
    @Param('learnerId') learnerId: string,
    @Param('grantId') grantId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GrantDto> {
    return this.access.withdraw(learnerIdParam(learnerId), uuidParam(grantId, 'grantId'), principal);
  }

  @Post('api-key')
  @HttpCode(200)
  @Roles('learner')
  @ForLearner('self')
  @ApiOperation({ summary: "Replace the learner's key: the new key is returned once, the old one stops at once" })
  @ApiOkResponse({ type: RotatedApiKeyDto })
  rotate(@Param('learnerId') learnerId: string, @CurrentPrincipal() principal: Principal): Promise<RotatedApiKeyDto> {
    return this.access.rotateKey(learnerIdParam(learnerId), principal);
  }

  @Get('access-log')
  @Roles('learner', 'auditor', 'admin')
  @ForLearner('self-or-audit')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Who read the learner's data, other than the learner, and when (newest first)" })
  @ApiOkResponse({ type: AccessLogDto })
  log(@Param('learnerId') learnerId: string): AccessLogDto {
    const id = learnerIdParam(learnerId);
    return { learnerId: id, entries: this.accessLog.list(id) };
  }
}
