import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { ProjectorService } from '../projections/projector.service';

interface HealthResponse {
  status(code: number): { json(body: unknown): void };
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: ProjectorService,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Store, read models and chain status; 503 when the store cannot be read' })
  async health(@Res() res: HealthResponse): Promise<void> {
    const store = await this.storeStatus();
    const checkpoint = this.projector.position();
    const projections = {
      status: this.projector.healthy() ? 'up' : 'down',
      checkpoint,
      lag: store.status === 'up' ? Math.max(0, store.headSeq - checkpoint) : null,
    };
    const up = store.status === 'up' && projections.status === 'up';
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'error', store, projections, chain: { status: 'not-configured' } });
  }

  private async storeStatus(): Promise<{ status: 'up'; headSeq: number } | { status: 'down'; error: string; headSeq: 0 }> {
    try {
      return { status: 'up', headSeq: await this.store.headSeq() };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error), headSeq: 0 };
    }
  }
}
