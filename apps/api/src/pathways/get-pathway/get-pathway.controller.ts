import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { LedgerReads } from '../../shared/ledger-reads';
import { uuidParam } from '../../shared/request-fields';
import { PathwayDto, toPathwayDto } from './pathway.dto';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('v1/pathways')
export class GetPathwayController {
  constructor(private readonly reads: LedgerReads) {}

  @Get(':id')
  @Roles('issuer', 'auditor', 'admin')
  @ApiOperation({ summary: 'A pathway: its current definition and version history' })
  @ApiOkResponse({ type: PathwayDto })
  get(@Param('id') id: string): PathwayDto {
    return toPathwayDto(this.reads.pathway(uuidParam(id, 'id')));
  }
}
