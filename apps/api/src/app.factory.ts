import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, NextFunction, Request, Response } from 'express';
import { AppModule, AppModuleOptions } from './app.module';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { METRICS, Metrics } from './metrics/metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { SERVICE_KEYS, ServiceKeys } from './auth/api-key.guard';
import { clientAddressOf } from './auth/client-address';
import { knownKeyCheck, rateLimitMiddleware } from './auth/rate-limit.middleware';
import { prepareDataDir } from './config/data-dir';
import { ReadModelStore } from './projections/read-model.store';
import { READ_MODELS } from './projections/read-models.token';
import { openEventStore } from './shared/event-store.provider';

export interface CreateAppOptions extends AppModuleOptions {
  logLevels?: LogLevel[];
  /** Overrides `config.rateLimitPerMinute` (RATE_LIMIT_PER_MINUTE, default 6000); 0 = off. */
  rateLimitPerMinute?: number;
}

/** Builds the whole HTTP app; `main.ts` and the end-to-end tests both start it through here. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  prepareDataDir(options.config.dataDir);
  // Opened before Nest: a provider failing inside NestFactory.create is logged as a dump and ends
  // the process there, so the start could not say in one line that the database was unreachable.
  const eventStore = options.eventStore ?? (await openEventStore(options.config));
  const app = await NestFactory.create(AppModule.forRoot({ ...options, eventStore }), {
    bodyParser: false,
    logger: options.logLevels ?? ['error', 'warn'],
  });
  const filter = new HttpExceptionFilter();
  app.use(httpMetricsMiddleware(app.get<Metrics>(METRICS)));
  const isKnownKey = knownKeyCheck(app.get<ServiceKeys>(SERVICE_KEYS), app.get<ReadModelStore>(READ_MODELS));
  app.use(
    rateLimitMiddleware(
      options.rateLimitPerMinute ?? options.config.rateLimitPerMinute,
      isKnownKey,
      clientAddressOf(options.config.trustProxy),
    ),
  );
  app.use(json({ limit: options.config.bodyLimit, strict: true }));
  // body-parser fails before any route runs, so its errors need an Express error handler of their own.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    filter.catch(error, { switchToHttp: () => ({ getResponse: () => res }) } as never);
  });
  app.useGlobalFilters(filter);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('StackLedger API')
      .setDescription(
        'Event-sourced ledger of academic micro-credentials and credits. Every error answers `{statusCode, error, code, message, field?}` with a stable `code`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The admin key, the auditor key, or an issuer key (sl_iss_…)' })
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A learner key (sl_lrn_…), from POST /v1/learners/claim' }, 'learner')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
