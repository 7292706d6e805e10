import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './app.factory';
import { resolveAdminKey } from './auth/admin-key';
import { AppConfig, loadConfig } from './config/app-config';
import { prepareDataDir } from './config/data-dir';
import { describeEventStore } from './shared/event-store.provider';

export interface StartApiOptions {
  /** Default: read from the process environment. */
  config?: AppConfig;
  /** Printed after the API's own lines (e.g. the local chain `npm start` runs). */
  extraLines?: string[];
}

export interface RunningApi {
  app: INestApplication;
  config: AppConfig;
  close(): Promise<void>;
}

/** Starts the API and prints its URLs; `npm start` (scripts/start-local.ts) calls this too. */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const config = options.config ?? loadConfig(process.env);
  prepareDataDir(config.dataDir);
  const adminKey = resolveAdminKey(config.adminApiKey, config.dataDir);
  const app = await createApp({ config, adminKey: adminKey.key });
  await app.listen(config.port, config.host);
  const base = `http://${config.host}:${config.port}`;
  const lines = [
    `StackLedger API   ${base}/v1`,
    `OpenAPI docs      ${base}/docs`,
    `Health            ${base}/health`,
    `Metrics           ${base}/metrics`,
    `Event store       ${describeEventStore(config)}`,
    ...(options.extraLines ?? []),
  ];
  if (adminKey.generated) lines.push(`Admin API key     ${adminKey.key}   (shown once; kept in ${adminKey.path})`);
  else if (adminKey.path) lines.push(`Admin API key     in ${adminKey.path}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return { app, config, close: () => app.close() };
}

if (require.main === module) {
  startApi().catch((error) => {
    process.stderr.write(`StackLedger failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
