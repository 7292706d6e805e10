import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@stackledger/domain';
import { AnchoredBatch } from '@stackledger/projections';
import { Roles } from '../auth/roles.decorator';
import { CommandService } from '../shared/command-runner/command.service';
import { ChainLocation } from './anchor-chain.port';
import { AnchoredBatches } from './anchored-batches';
import { AnchoringService } from './anchoring.service';

function indexParam(value: string | undefined, field: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value) || Number(value) > max) {
    throw new DomainError(
      'VALIDATION.FORMAT',
      `${field} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}`,
      field,
    );
  }
  return Number(value);
}

@ApiTags('anchoring')
@Controller('v1')
export class AnchorsController {
  constructor(
    private readonly anchoring: AnchoringService,
    private readonly batches: AnchoredBatches,
    private readonly writes: CommandService,
  ) {}

  @Post('anchors')
  @HttpCode(201)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Anchor now: 201 with the batch, 204 when nothing is pending, 202 when another instance is anchoring' })
  async anchorNow(
    @Res({ passthrough: true }) res: { status(code: number): void },
  ): Promise<AnchoredBatch | { status: string } | undefined> {
    const result = await this.anchoring.anchorNow();
    // Read your writes, as for every write: the batch's proofs are served from the read models.
    if (result.outcome === 'anchored') {
      await this.writes.settledToHead();
      return result.batch;
    }
    if (result.outcome === 'busy') {
      res.status(202);
      return { status: 'in-progress' };
    }
    res.status(204);
    return undefined;
  }

  @Get('anchors')
  @ApiOperation({ summary: 'Anchored batches of the configured contract, oldest first' })
  @ApiQuery({ name: 'fromIndex', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(@Query('fromIndex') fromIndex?: string, @Query('limit') limit?: string): { batches: AnchoredBatch[]; count: number } {
    const batches = this.batches.list(indexParam(fromIndex, 'fromIndex', 0), indexParam(limit, 'limit', 100, 1000));
    return { batches, count: this.batches.head().count };
  }

  @Get('anchors/:index')
  @ApiOperation({ summary: 'One anchored batch with its chain references' })
  get(@Param('index') index: string): AnchoredBatch {
    return this.batches.get(indexParam(index, 'index', 0));
  }

  @Get('chain')
  @ApiOperation({ summary: 'Where verifiers look: chain id, contract address and a public RPC URL' })
  chain(): ChainLocation {
    return this.batches.location();
  }
}
