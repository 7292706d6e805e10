import { AnchorChain } from '../../../apps/api/src/anchoring/anchor-chain.port';
import { createApp } from '../../../apps/api/src/app.factory';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { Http } from '../../e2e/support/http';
import { TestApp } from '../../e2e/support/test-app';

export interface ReliabilityAppOptions {
  env?: Record<string, string>;
  anchorChain?: AnchorChain | null;
  /** Default 0 (off) so load tests measure the ledger, not the limiter. */
  rateLimitPerMinute?: number;
  adminKey?: string;
}

/** Like startTestApp, plus the options reliability tests need (rate limit, chain, keys). */
export async function startReliabilityApp(dataDir: string, options: ReliabilityAppOptions = {}): Promise<TestApp> {
  const adminKey = options.adminKey ?? 'rel-admin-key-of-at-least-32-characters';
  const auditorKey = 'rel-auditor-key-of-at-least-32-characters';
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', AUDITOR_API_KEY: auditorKey, ...options.env });
  const app = await createApp({
    config,
    adminKey,
    anchorChain: options.anchorChain ?? null,
    logLevels: ['error'],
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { http: new Http(`http://127.0.0.1:${port}`), adminKey, auditorKey, dataDir, app, close: () => app.close() };
}
