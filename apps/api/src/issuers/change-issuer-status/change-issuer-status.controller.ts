import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { objectBody, optionalString, uuidParam } from '../../shared/request-fields';
import { IssuerDto } from '../get-issuer/issuer.dto';
import { ChangeIssuerStatusCommand } from './change-issuer-status.command';

@ApiTags('issuers')
@ApiBearerAuth()
@Controller('v1/issuers/:id')
export class ChangeIssuerStatusController {
  constructor(private readonly commands: CommandBus) {}

  @Post('suspend')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Suspend an issuer: it can no longer issue, accept transfers or award' })
  @ApiOkResponse({ type: IssuerDto })
  suspend(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<IssuerDto> {
    const reason = optionalString(objectBody(body ?? {}, ['reason']), 'reason');
    const change = { type: 'SuspendIssuer' as const, ...(reason !== undefined && { reason }) };
    return this.commands.execute(new ChangeIssuerStatusCommand(uuidParam(id, 'id'), change, principal));
  }

  @Post('reinstate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Reinstate a suspended issuer' })
  @ApiOkResponse({ type: IssuerDto })
  reinstate(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<IssuerDto> {
    return this.commands.execute(new ChangeIssuerStatusCommand(uuidParam(id, 'id'), { type: 'ReinstateIssuer' }, principal));
  }
}
