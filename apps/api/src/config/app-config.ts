import { join, resolve } from 'node:path';

/** Everything the service reads from its environment, parsed once at start. */
export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  adminApiKey?: string;
  auditorApiKey?: string;
  eventStoreConnectionString?: string;
  anchorIntervalMs: number;
  bodyLimit: string;
  /** Ceiling on how long a write waits for this instance's read models to include it. */
  readYourWritesTimeoutMs: number;
  /** Requests a minute per API key (per IP without a valid key); 0 turns limiting off. */
  rateLimitPerMinute: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: intFrom(env, 'PORT', 3000),
    dataDir: resolve(env.DATA_DIR || join(process.cwd(), '.data')),
    adminApiKey: env.ADMIN_API_KEY || undefined,
    auditorApiKey: env.AUDITOR_API_KEY || undefined,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    anchorIntervalMs: intFrom(env, 'ANCHOR_INTERVAL_MS', 60_000),
    bodyLimit: env.BODY_LIMIT || '256kb',
    readYourWritesTimeoutMs: intFrom(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 5_000),
    rateLimitPerMinute: intFrom(env, 'RATE_LIMIT_PER_MINUTE', 6_000),
  };
}
