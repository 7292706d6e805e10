import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * Whose word the rate limiter takes for the client's address (`TRUST_PROXY`). `none`: the TCP peer
 * only, whatever `X-Forwarded-For` says. `hops`: that many reverse proxies always stand in front,
 * so the address that many entries from the right of the chain is the client's. `addresses`: only
 * these peers (the proxies' own addresses) are believed, each about the address before it.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: ReadonlySet<string> };

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
  trustProxy: TrustProxy;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Shortest key accepted from ADMIN_API_KEY / AUDITOR_API_KEY: a generated key has 256 random bits in 43 characters. */
export const MIN_SERVICE_KEY_LENGTH = 32;

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** A key that guards the whole ledger: refused at start when short enough to guess, never echoed. */
function serviceKey(env: NodeJS.ProcessEnv, name: 'ADMIN_API_KEY' | 'AUDITOR_API_KEY'): string | undefined {
  const key = env[name] || undefined;
  if (key !== undefined && key.length < MIN_SERVICE_KEY_LENGTH) {
    throw new Error(`${name} must be at least ${MIN_SERVICE_KEY_LENGTH} characters long (it has ${key.length}); use a random one, e.g. openssl rand -base64 32`);
  }
  return key;
}

/** Normalised as the socket reports peers: IPv4 peers of a dual-stack server arrive as `::ffff:a.b.c.d`. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

function trustProxyFrom(env: NodeJS.ProcessEnv): TrustProxy {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'false' || raw === '0') return { kind: 'none' };
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 16) throw new Error(`TRUST_PROXY must be false, a number of proxies from 1 to 16, or proxy IP addresses; got "${raw}"`);
    return { kind: 'hops', hops };
  }
  const addresses = raw.split(',').map((a) => a.trim());
  const bad = addresses.find((a) => isIP(a) === 0);
  if (bad !== undefined) {
    throw new Error(`TRUST_PROXY must be false, a number of proxies from 1 to 16, or a comma-separated list of proxy IP addresses; "${bad}" is none of these`);
  }
  return { kind: 'addresses', addresses: new Set(addresses.map(normaliseAddress)) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: intFrom(env, 'PORT', 3000),
    dataDir: resolve(env.DATA_DIR || join(process.cwd(), '.data')),
    adminApiKey: serviceKey(env, 'ADMIN_API_KEY'),
    auditorApiKey: serviceKey(env, 'AUDITOR_API_KEY'),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    anchorIntervalMs: intFrom(env, 'ANCHOR_INTERVAL_MS', 60_000),
    bodyLimit: env.BODY_LIMIT || '256kb',
    readYourWritesTimeoutMs: intFrom(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 5_000),
    rateLimitPerMinute: intFrom(env, 'RATE_LIMIT_PER_MINUTE', 6_000),
    trustProxy: trustProxyFrom(env),
  };
}
