import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Gauge } from 'prom-client';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { AnchoringService } from '../anchoring/anchoring.service';
import { ProjectorService } from '../projections/projector.service';
import { METRICS, Metrics } from './metrics';

@Controller()
export class MetricsController {
  private readonly headSeq: Gauge;
  private readonly checkpoint: Gauge;
  private readonly pendingRevocations: Gauge;

  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: ProjectorService,
    private readonly anchoring: AnchoringService,
  ) {
    const registers = [metrics.registry];
    this.headSeq = new Gauge({ name: 'stackledger_event_store_head_seq', help: 'Highest stored seq', registers });
    this.checkpoint = new Gauge({ name: 'stackledger_projection_checkpoint_seq', help: 'Seq the read models include', registers });
    this.pendingRevocations = new Gauge({
      name: 'stackledger_revocations_pending',
      help: 'Revocations in the log not yet pushed on chain',
      registers,
    });
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    this.headSeq.set(await this.store.headSeq());
    this.checkpoint.set(this.projector.position());
    const pending = await this.anchoring.pendingRevocations();
    if (pending !== undefined) this.pendingRevocations.set(pending);
    return this.metrics.registry.metrics();
  }
}
