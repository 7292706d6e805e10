import 'reflect-metadata';
import { createApp } from './app.factory';
import { resolveAdminKey } from './auth/admin-key';
import { loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const adminKey = resolveAdminKey(config.adminApiKey, config.dataDir);
  const app = await createApp({ config, adminKey: adminKey.key });
  await app.listen(config.port, config.host);
  const base = `http://${config.host}:${config.port}`;
  const lines = [
    `StackLedger API   ${base}/v1`,
    `OpenAPI docs      ${base}/docs`,
    `Health            ${base}/health`,
    `Metrics           ${base}/metrics`,
    `Event store       ${config.eventStoreConnectionString ? 'EventStoreDB' : `SQLite in ${config.dataDir}`}`,
  ];
  if (adminKey.generated) lines.push(`Admin API key     ${adminKey.key}   (shown once; kept in ${adminKey.path})`);
  else if (adminKey.path) lines.push(`Admin API key     in ${adminKey.path}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`StackLedger failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
