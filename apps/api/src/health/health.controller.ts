import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { ANCHOR_CHAIN, AnchorChain } from '../anchoring/anchor-chain.port';
import { AnchoringService } from '../anchoring/anchoring.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ProjectorService } from '../projections/projector.service';
import { describeEventStore, eventStoreKind, EventStoreKind } from '../shared/event-store.provider';

interface HealthResponse {
  status(code: number): { json(body: unknown): void };
}

const CHAIN_PING_TIMEOUT_MS = 2_000;

/**
 * 200 while the API can record and serve credentials (store and read models up). A chain outage
 * is reported but keeps 200: issuing goes on, and anchoring catches up when the chain is back.
 * The store says which kind it is (`sqlite`, `postgres`, `eventstoredb`) and where, without
 * credentials; it is up when its head can be read.
 */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ANCHOR_CHAIN) private readonly chain: AnchorChain | null,
    private readonly projector: ProjectorService,
    private readonly anchoring: AnchoringService,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Store, read models, chain and anchoring status; 503 when the store or read models are down' })
  async health(@Res() res: HealthResponse): Promise<void> {
    const [store, chain] = await Promise.all([this.storeStatus(), this.chainStatus()]);
    const checkpoint = this.projector.position();
    const projections = {
      status: this.projector.healthy() ? 'up' : 'down',
      checkpoint,
      lag: store.status === 'up' ? Math.max(0, store.headSeq - checkpoint) : null,
    };
    const up = store.status === 'up' && projections.status === 'up';
    const degraded = chain.status === 'down' || this.anchoring.status().consecutiveFailures > 0;
    res.status(up ? 200 : 503).json({
      status: up ? (degraded ? 'degraded' : 'ok') : 'error',
      store,
      projections,
      chain,
      anchoring: this.anchoring.status(),
    });
  }

  private async storeStatus(): Promise<
    { kind: EventStoreKind; at: string } & ({ status: 'up'; headSeq: number } | { status: 'down'; error: string; headSeq: 0 })
  > {
    const where = { kind: eventStoreKind(this.config), at: describeEventStore(this.config) };
    try {
      return { ...where, status: 'up', headSeq: await this.store.headSeq() };
    } catch (error) {
      return { ...where, status: 'down', error: messageOf(error), headSeq: 0 };
    }
  }

  private async chainStatus(): Promise<Record<string, unknown>> {
    if (!this.chain) return { status: 'not-configured' };
    let where: { chainId?: number; contract?: string } = {};
    try {
      // Inside the try: a chain never reached since start (LazyAnchorChain) has no location yet, and
      // that is a degraded chain, not a failed health check.
      const { chainId, contract } = this.chain.location();
      where = { chainId, contract };
      const blockNumber = await Promise.race([
        this.chain.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in time')), CHAIN_PING_TIMEOUT_MS).unref()),
      ]);
      return { status: 'up', ...where, blockNumber };
    } catch (error) {
      return { status: 'down', ...where, error: messageOf(error) };
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
