import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError } from '../../errors/application-error';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { uuidParam } from '../../shared/request-fields';
import { RotateApiKeyCommand } from './rotate-api-key.command';
import { RotatedApiKeyDto } from './rotate-api-key.dto';

@ApiTags('issuers')
@ApiBearerAuth()
@Controller('v1/issuers/:id')
export class RotateApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post('api-key')
  @HttpCode(200)
  @Roles('issuer', 'admin')
  @ApiOperation({
    summary:
      "Replace an issuer's API key (that issuer while active, or the authority): the new key is returned once, the old one stops at once",
  })
  @ApiOkResponse({ type: RotatedApiKeyDto })
  @ApiForbiddenResponse({ description: 'another issuer (AUTH.FORBIDDEN), or the issuer itself while suspended (ISSUER.SUSPENDED)' })
  rotate(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<RotatedApiKeyDto> {
    const issuerId = uuidParam(id, 'id');
    if (principal.kind === 'issuer' && principal.issuerId !== issuerId) {
      throw new ApplicationError('AUTH.FORBIDDEN', 'an issuer may replace only its own API key', 'id');
    }
    return this.commands.execute(new RotateApiKeyCommand(issuerId, principal));
  }
}
