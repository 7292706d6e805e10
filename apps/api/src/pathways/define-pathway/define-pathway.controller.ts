import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { PathwayDto } from '../get-pathway/pathway.dto';
import { DefinePathwayCommand } from './define-pathway.command';
import { DefinePathwayDto, parseDefinePathway } from './define-pathway.dto';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('v1/pathways')
export class DefinePathwayController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('issuer')
  @ApiOperation({ summary: 'Define a stackable pathway (version 1); the calling issuer owns it' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ type: DefinePathwayDto })
  @ApiCreatedResponse({ type: PathwayDto })
  define(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal & { kind: 'issuer' },
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PathwayDto> {
    return this.commands.execute(new DefinePathwayCommand(parseDefinePathway(body), principal, body, idempotencyKey));
  }
}
