import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { objectBody, requiredString, uuidParam } from '../../shared/request-fields';
import { CredentialDto } from '../get-credential/credential.dto';
import { RevokeCredentialCommand } from './revoke-credential.command';

class RevokeCredentialDto {
  @ApiProperty({ example: 'assessment found to be plagiarised' }) reason!: string;
}

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('v1/credentials')
export class RevokeCredentialController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('issuer', 'admin')
  @ApiOperation({ summary: 'Revoke a credential (its issuer or the authority)' })
  @ApiBody({ type: RevokeCredentialDto })
  @ApiOkResponse({ type: CredentialDto })
  revoke(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<CredentialDto> {
    const credentialId = uuidParam(id, 'id');
    const reason = requiredString(objectBody(body, ['reason']), 'reason');
    return this.commands.execute(new RevokeCredentialCommand(credentialId, reason, principal));
  }
}
