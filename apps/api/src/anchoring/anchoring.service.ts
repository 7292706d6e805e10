import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { initMerkle } from '@stackledger/merkle';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApplicationError } from '../errors/application-error';
import { METRICS, Metrics } from '../metrics/metrics';
import { CLOCK, Clock } from '../shared/clock';
import { ANCHOR_CHAIN, AnchorChain } from './anchor-chain.port';
import { AnchoringJob, AnchorRunResult } from './anchoring.job';
import { INSTANCE_ID } from './instance-id';
import { BatchTreeCache } from './batch-tree-cache';
import { ChainMismatchError } from './chain-reconciler';
import { RevocationBacklog } from './revocation-backlog';

export interface AnchoringStatus {
  enabled: boolean;
  lastRunAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  nextRunAt?: string;
  /** Set while the chain holds what the log cannot explain: anchoring will not go on until an operator acts. */
  blockedBy?: string;
}

const MIN_BACKOFF_MS = 1_000;

/** Runs the anchoring job every ANCHOR_INTERVAL_MS and on demand, one run at a time per instance. */
@Injectable()
export class AnchoringService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Anchoring');
  private readonly job?: AnchoringJob;
  private running?: Promise<AnchorRunResult>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly state: AnchoringStatus = { enabled: false, consecutiveFailures: 0 };
  private readonly backlog: RevocationBacklog;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(ANCHOR_CHAIN) private readonly chain: AnchorChain | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INSTANCE_ID) instanceId: string,
    private readonly trees: BatchTreeCache,
    @Inject(METRICS) metrics: Metrics,
  ) {
    this.backlog = new RevocationBacklog(store);
    if (chain) {
      const claimTtlMs = Math.max(5 * 60_000, 3 * config.anchorIntervalMs);
      const revocations = {
        onSent: () => metrics.revocationTransactions.inc(),
        onConfirmed: (keys: number) => metrics.revocationKeysPushed.inc(keys),
      };
      this.job = new AnchoringJob(store, chain, { instanceId, claimTtlMs, now: () => clock.now(), revocations });
      this.state.enabled = true;
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await initMerkle();
    if (this.job && this.config.anchorIntervalMs > 0) this.schedule(this.config.anchorIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.chain?.close();
  }

  status(): AnchoringStatus {
    return { ...this.state };
  }

  /** Revocations in the log not yet on chain; undefined when anchoring is off or the record cannot be read. */
  async pendingRevocations(): Promise<number | undefined> {
    if (!this.job) return undefined;
    try {
      const mark = this.job.revocationsPushedThroughSeq() ?? (await this.job.readState()).revocationsThroughSeq;
      return await this.backlog.count(mark);
    } catch {
      return undefined; // no chain location yet (never connected): nothing to say
    }
  }

  /** When a not-yet-anchored event should be anchored by, for a 202's `expectedBy`. */
  expectedBy(): string {
    const next = this.state.nextRunAt ? Date.parse(this.state.nextRunAt) : this.clock.now().getTime() + this.config.anchorIntervalMs;
    return new Date(next + this.config.anchorIntervalMs).toISOString();
  }

  /** Anchors now, or joins the run already under way. */
  anchorNow(): Promise<AnchorRunResult> {
    if (!this.job)
      throw new ApplicationError('CHAIN.NOT_CONFIGURED', 'no chain is configured: set CHAIN_RPC_URL and ANCHOR_CONTRACT, or use npm start');
    this.running ??= this.runJob(this.job).finally(() => (this.running = undefined));
    return this.running;
  }

  private async runJob(job: AnchoringJob): Promise<AnchorRunResult> {
    this.state.lastRunAt = this.clock.now().toISOString();
    try {
      const result = await job.run();
      this.state.blockedBy = undefined;
      if (result.outcome === 'anchored') {
        this.trees.remember(result.batch, result.tree);
        const { index, fromSeq, toSeq } = result.batch;
        this.logger.log(
          `anchored batch ${index}: seq ${fromSeq}-${toSeq}${result.reanchored ? ` (after anchoring ${result.reanchored} orphaned batches again)` : ''}`,
        );
      }
      if (result.outcome !== 'busy' && result.revoked > 0)
        this.logger.log(`pushed ${result.revoked} revocations in ${result.revocationTransactions} transactions`);
      // The batch stands; the push resumes next run. Still a failure for /health.
      if (result.outcome === 'anchored' && result.revocationError)
        this.failed(`pushing revocations failed: ${result.revocationError.message}`);
      else this.succeeded();
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ChainMismatchError) this.state.blockedBy = message;
      this.failed(message);
      throw new ApplicationError('CHAIN.UNAVAILABLE', `anchoring failed: ${message}`);
    }
  }

  private succeeded(): void {
    this.state.lastSuccessAt = this.clock.now().toISOString();
    this.state.consecutiveFailures = 0;
    this.state.lastError = undefined;
  }

  private failed(message: string): void {
    this.state.consecutiveFailures++;
    this.state.lastError = message;
    this.logger.warn(`anchoring failed (${this.state.consecutiveFailures} in a row): ${message}`);
  }

  /** The period while healthy; after failures, an exponential backoff capped at the period. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.state.nextRunAt = new Date(this.clock.now().getTime() + delayMs).toISOString();
    const runThenReschedule = async (): Promise<void> => {
      await this.anchorNow().catch(() => undefined);
      const failures = this.state.consecutiveFailures;
      const interval = this.config.anchorIntervalMs;
      this.schedule(failures === 0 ? interval : Math.min(interval, MIN_BACKOFF_MS * 2 ** (failures - 1)));
    };
    this.timer = setTimeout(() => void runThenReschedule(), delayMs);
    this.timer.unref();
  }
}
