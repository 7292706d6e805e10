import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { CredentialDto } from '../../credentials/get-credential/credential.dto';
import { uuidParam } from '../../shared/request-fields';
import { AwardQualificationCommand } from './award-qualification.command';
import { AwardQualificationDto, parseAwardQualification } from './award-qualification.dto';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('v1/pathways')
export class AwardQualificationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/awards')
  @HttpCode(201)
  @Roles('issuer')
  @ApiOperation({ summary: "Award the pathway's stacked qualification (its issuer only); the components become stacked" })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ type: AwardQualificationDto })
  @ApiForbiddenResponse({
    description:
      "the learner has not granted this issuer `stack` access (ACCESS.NO_GRANT, ACCESS.GRANT_EXPIRED), or the pathway is another issuer's (PATHWAY.NOT_OWNER)",
  })
  @ApiCreatedResponse({
    type: CredentialDto,
    description: 'The qualification: a credential whose `components` are the stacked credentials',
  })
  award(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal & { kind: 'issuer' },
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CredentialDto> {
    const pathwayId = uuidParam(id, 'id');
    return this.commands.execute(new AwardQualificationCommand(pathwayId, parseAwardQualification(body), principal, idempotencyKey));
  }
}
