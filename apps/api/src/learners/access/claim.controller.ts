import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { learnerIdParam } from '../learner-id.param';
import { ClaimCodeDto, ClaimedDto, ClaimRequestDto, parseClaim } from './learner-access.dto';
import { LearnerAccessService } from './learner-access.service';

@ApiTags('learners')
@Controller('v1/learners')
export class ClaimController {
  constructor(private readonly access: LearnerAccessService) {}

  @Post(':learnerId/claim-codes')
  @HttpCode(201)
  @Roles('issuer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A one-time claim code for a learner this issuer has issued to (24 hours; hand it over out of band)' })
  @ApiCreatedResponse({ type: ClaimCodeDto })
  @ApiForbiddenResponse({ description: 'the issuer never issued to this learner (CLAIM.NOT_ISSUER)' })
  @ApiConflictResponse({ description: 'the learner already claimed its account (LEARNER.ALREADY_CLAIMED)' })
  claimCode(@Param('learnerId') learnerId: string, @CurrentPrincipal() principal: Principal & { kind: 'issuer' }): Promise<ClaimCodeDto> {
    return this.access.issueClaimCode(learnerIdParam(learnerId), principal);
  }

  @Post('claim')
  @HttpCode(201)
  @ApiOperation({ summary: 'Claim the learner account with a claim code (no key): the learner key is returned once' })
  @ApiBody({ type: ClaimRequestDto })
  @ApiCreatedResponse({ type: ClaimedDto })
  @ApiForbiddenResponse({ description: 'the code is not recognised (CLAIM.INVALID_CODE)' })
  @ApiConflictResponse({ description: 'the code was used (CLAIM.CODE_USED) or expired (CLAIM.CODE_EXPIRED)' })
  claim(@Body() body: unknown): Promise<ClaimedDto> {
    return this.access.claim(parseClaim(body).code);
  }
}
