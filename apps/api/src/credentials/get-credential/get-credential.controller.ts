import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock } from '../../shared/clock';
import { LedgerReads } from '../../shared/ledger-reads';
import { uuidParam } from '../../shared/request-fields';
import { CredentialDto, toCredentialDto } from './credential.dto';

@ApiTags('credentials')
@Controller('v1/credentials')
export class GetCredentialController {
  constructor(
    private readonly reads: LedgerReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'A credential and its status; anyone holding the id may read it' })
  @ApiOkResponse({ type: CredentialDto })
  async get(@Param('id') id: string): Promise<CredentialDto> {
    return toCredentialDto(await this.reads.credential(uuidParam(id, 'id')), this.clock.now());
  }
}
