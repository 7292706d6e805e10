import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { API_PROJECTIONS } from '@stackledger/projections';
import { ApiKeyGuard, SERVICE_KEYS } from './auth/api-key.guard';
import { ACCESS_LOG, AccessLog } from './auth/access-log';
import { AccessPolicy } from './auth/access-policy';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { METRICS, Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { ProjectorService } from './projections/projector.service';
import { ReadModelStore } from './projections/read-model.store';
import { READ_MODELS } from './projections/read-models.token';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator, randomIds, systemClock } from './shared/clock';
import { openEventStore } from './shared/event-store.provider';
import { LEDGER_CONTROLLERS, LEDGER_HANDLERS } from './ledger-slices';
import { ANCHOR_CHAIN, AnchorChain } from './anchoring/anchor-chain.port';
import { connectAnchorChain } from './anchoring/anchor-chain.provider';
import { AnchoredBatches } from './anchoring/anchored-batches';
import { BatchTreeCache } from './anchoring/batch-tree-cache';
import { AnchoringService } from './anchoring/anchoring.service';
import { AnchorsController } from './anchoring/anchors.controller';
import { INSTANCE_ID, instanceIdFor } from './anchoring/instance-id';
import { GetProofController } from './proofs/get-proof.controller';
import { VerifyPageController } from './verify-page/verify-page.controller';
import { EventsController } from './events/events.controller';
import { ProofService } from './proofs/proof.service';
import { LedgerReads } from './shared/ledger-reads';
import { CommandService } from './shared/command-runner/command.service';
import { StoreLifecycle } from './shared/store-lifecycle';

export interface AppModuleOptions {
  config: AppConfig;
  adminKey: string;
  clock?: Clock;
  ids?: IdGenerator;
  /** Replaces the chain `config.chain` names (null: run without a chain). */
  anchorChain?: AnchorChain | null;
  /** The store, already opened (`createApp` opens the configured one); closed with the app. */
  eventStore?: EventStore;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        ...LEDGER_CONTROLLERS,
        GetProofController,
        AnchorsController,
        EventsController,
        HealthController,
        MetricsController,
        VerifyPageController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: ID_GENERATOR, useValue: options.ids ?? randomIds },
        { provide: SERVICE_KEYS, useValue: { admin: options.adminKey, auditor: config.auditorApiKey } },
        { provide: METRICS, useFactory: () => new Metrics() },
        { provide: EVENT_STORE, useFactory: () => options.eventStore ?? openEventStore(config) },
        {
          provide: READ_MODELS,
          useFactory: () => new ReadModelStore(join(config.dataDir, 'read-models.sqlite'), API_PROJECTIONS),
        },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: ACCESS_LOG, useFactory: () => new AccessLog(join(config.dataDir, 'access-log.sqlite')) },
        AccessPolicy,
        { provide: INSTANCE_ID, useFactory: () => instanceIdFor(config.dataDir) },
        {
          provide: ANCHOR_CHAIN,
          useFactory: () => (options.anchorChain !== undefined ? options.anchorChain : connectAnchorChain(config.chain)),
        },
        AnchoringService,
        AnchoredBatches,
        BatchTreeCache,
        ProofService,
        ProjectorService,
        LedgerReads,
        CommandService,
        StoreLifecycle,
        ...LEDGER_HANDLERS,
      ],
    };
  }
}
