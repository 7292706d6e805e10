import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LedgerReads } from '../../shared/ledger-reads';
import { uuidParam } from '../../shared/request-fields';
import { IssuerDto, toIssuerDto } from './issuer.dto';

@ApiTags('issuers')
@Controller('v1/issuers')
export class GetIssuerController {
  constructor(private readonly reads: LedgerReads) {}

  @Get(':id')
  @ApiOperation({ summary: 'An issuer and its status (public record)' })
  @ApiOkResponse({ type: IssuerDto })
  get(@Param('id') id: string): IssuerDto {
    return toIssuerDto(this.reads.issuer(uuidParam(id, 'id')));
  }
}
