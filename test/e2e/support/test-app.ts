import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnchorChain } from '../../../apps/api/src/anchoring/anchor-chain.port';
import { createApp } from '../../../apps/api/src/app.factory';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { Http } from './http';

export interface TestApp {
  http: Http;
  adminKey: string;
  auditorKey: string;
  dataDir: string;
  app: INestApplication;
  close(): Promise<void>;
}

export function tempDataDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `stackledger-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The real Nest app on a real SQLite file, listening on 127.0.0.1 with an ephemeral port. */
export async function startTestApp(
  dataDir: string,
  env: Record<string, string> = {},
  anchorChain: AnchorChain | null = null,
): Promise<TestApp> {
  // Service keys of at least 32 characters, as the service requires of ADMIN_API_KEY and AUDITOR_API_KEY.
  const adminKey = 'test-admin-key-of-at-least-32-characters';
  const auditorKey = 'test-auditor-key-of-at-least-32-characters';
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', AUDITOR_API_KEY: auditorKey, ...env });
  const app = await createApp({ config, adminKey, anchorChain, logLevels: ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    http: new Http(`http://127.0.0.1:${address.port}`),
    adminKey,
    auditorKey,
    dataDir,
    app,
    close: () => app.close(),
  };
}

/**
 * One app for a whole `describe`: started on a fresh data folder before its tests, closed and
 * removed after them. Read the app through the returned getter inside tests.
 */
export function useTestApp(label: string, env: Record<string, string> = {}): () => TestApp {
  const data = tempDataDir(label);
  let api: TestApp | undefined;
  beforeAll(async () => {
    api = await startTestApp(data.dir, env);
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });
  return () => {
    if (!api) throw new Error('the test app is not started yet: call the getter inside a test or hook');
    return api;
  };
}
