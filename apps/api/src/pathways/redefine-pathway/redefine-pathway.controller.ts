import { Body, Controller, Headers, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { uuidParam } from '../../shared/request-fields';
import { DefinePathwayDto, parseDefinePathway } from '../define-pathway/define-pathway.dto';
import { PathwayDto } from '../get-pathway/pathway.dto';
import { RedefinePathwayCommand } from './redefine-pathway.command';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('v1/pathways')
export class RedefinePathwayController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id')
  @HttpCode(200)
  @Roles('issuer')
  @ApiOperation({ summary: 'Redefine a pathway (its issuer only): a changed definition becomes the next version' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ type: DefinePathwayDto })
  @ApiOkResponse({ type: PathwayDto })
  redefine(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal & { kind: 'issuer' },
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PathwayDto> {
    const pathwayId = uuidParam(id, 'id');
    return this.commands.execute(new RedefinePathwayCommand(pathwayId, parseDefinePathway(body), principal, body, idempotencyKey));
  }
}
