import { fork } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { InMemoryAnchorChain } from '../../apps/api/src/anchoring/testing/in-memory-anchor-chain';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import type { LoadJob, LoadResult } from './load-generator';

// The API as the HTTP benches run it (SQLite in DATA_DIR, an in-memory chain, no rate limit), and
// the clients they fork: each in its own process, so the figures are the API's.
export const ADMIN = 'bench-admin-key-of-at-least-32-characters';

export interface Api {
  app: INestApplication;
  url: string;
  post(path: string, body: unknown, key: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function startApi(dataDir: string): Promise<Api> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    ANCHOR_INTERVAL_MS: '0',
    BODY_LIMIT: '4mb',
    AUDITOR_API_KEY: 'bench-auditor-key-of-at-least-32-characters',
    // As the service would read it (auto unless set), so a run can compare thread counts.
    SIGNATURE_THREADS: process.env.SIGNATURE_THREADS ?? 'auto',
  });
  const app = await createApp({
    config,
    adminKey: ADMIN,
    anchorChain: new InMemoryAnchorChain(),
    logLevels: ['error'],
    rateLimitPerMinute: 0,
  });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const post = async (path: string, body: unknown, key: string) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
  return { app, url, post };
}

/** A bench client in its own process (bench/support/<script>): one job in, one result message out. */
export function child<J, R>(script: string, job: J): Promise<R> {
  return new Promise((resolve, reject) => {
    const client = fork(join(__dirname, script), [JSON.stringify(job)], {
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    });
    client.once('message', (result) => resolve(result as R));
    client.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${script} exited with ${code}`))));
    client.once('error', reject);
  });
}

/** autocannon in a child process (see load-generator.ts), 50 connections. */
export const cannon = (job: Omit<LoadJob, 'connections'>): Promise<LoadResult> =>
  child<LoadJob, LoadResult>('load-generator.ts', { connections: 50, ...job });
