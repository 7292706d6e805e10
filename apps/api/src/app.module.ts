import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { EVENT_STORE } from '@stackledger/event-store';
import { ALL_PROJECTIONS } from '@stackledger/projections';
import { ApiKeyGuard, SERVICE_KEYS } from './auth/api-key.guard';
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
import { LedgerReads } from './shared/ledger-reads';
import { WriteSupport } from './shared/write-support';
import { StoreLifecycle } from './shared/store-lifecycle';

export interface AppModuleOptions {
  config: AppConfig;
  adminKey: string;
  clock?: Clock;
  ids?: IdGenerator;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [...LEDGER_CONTROLLERS, HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: ID_GENERATOR, useValue: options.ids ?? randomIds },
        { provide: SERVICE_KEYS, useValue: { admin: options.adminKey, auditor: config.auditorApiKey } },
        { provide: METRICS, useFactory: () => new Metrics() },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        {
          provide: READ_MODELS,
          useFactory: () => new ReadModelStore(join(config.dataDir, 'read-models.sqlite'), ALL_PROJECTIONS),
        },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        ProjectorService,
        LedgerReads,
        WriteSupport,
        StoreLifecycle,
        ...LEDGER_HANDLERS,
      ],
    };
  }
}
