import { ChainConfig, chainConfigFrom } from '../anchoring/chain-config';
import { ConfigError } from './config-error';
import { TrustProxy } from './config-rules';
import { ALL_VARIABLES, CHAIN_VARIABLES, readVariables, SERVICE_VARIABLES } from './variables';

/**
 * Everything the service reads from its environment, read and checked once at start
 * (`loadConfig`), then handed to the app under one injection token, APP_CONFIG. Keys, the
 * connection string and RPC URLs are non-enumerable: logging or serialising the config shows none.
 */
export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  adminApiKey?: string;
  auditorApiKey?: string;
  eventStoreConnectionString?: string;
  /** `DATABASE_URL`: the PostgreSQL event store; never set together with `eventStoreConnectionString`. */
  databaseUrl?: string;
  /** Connections in the PostgreSQL store's pool. */
  databasePoolSize: number;
  /** Longest a PostgreSQL statement may run (0: no limit). */
  databaseStatementTimeoutMs: number;
  anchorIntervalMs: number;
  bodyLimit: string;
  /** Ceiling on how long a write waits for this instance's read models to include it. */
  readYourWritesTimeoutMs: number;
  /** Requests a minute per API key (per IP without a valid key); 0 turns limiting off. */
  rateLimitPerMinute: number;
  trustProxy: TrustProxy;
  /** Worker threads checking issuers' signatures (0: on the API's own thread). */
  signatureThreads: number;
  /** The chain to anchor on; undefined when `CHAIN_RPC_URL` is unset (anchoring off). */
  chain?: ChainConfig;
  /** `CHAIN_PORT`: where `npm start` runs its local chain when no `CHAIN_RPC_URL` is given. */
  localChainPort: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Reads every variable; a wrong one throws ConfigError naming it (all of them, if several are wrong). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const v = readVariables(env, ALL_VARIABLES);
  if (v.DATABASE_URL && v.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError(
      'DATABASE_URL and EVENTSTORE_CONNECTION_STRING are both set: set one of them, to choose PostgreSQL or EventStoreDB (neither: SQLite in DATA_DIR)',
    );
  }
  const config: AppConfig = {
    host: v.HOST,
    port: v.PORT,
    dataDir: v.DATA_DIR,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
    anchorIntervalMs: v.ANCHOR_INTERVAL_MS,
    bodyLimit: v.BODY_LIMIT,
    readYourWritesTimeoutMs: v.READ_YOUR_WRITES_TIMEOUT_MS,
    rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE,
    trustProxy: v.TRUST_PROXY,
    signatureThreads: v.SIGNATURE_THREADS,
    chain: chainConfigFrom(v, v.DATA_DIR),
    localChainPort: v.CHAIN_PORT,
  };
  hide(config, {
    adminApiKey: v.ADMIN_API_KEY,
    auditorApiKey: v.AUDITOR_API_KEY,
    eventStoreConnectionString: v.EVENTSTORE_CONNECTION_STRING,
    databaseUrl: v.DATABASE_URL,
  });
  return config;
}

/**
 * The chain part alone, for tools and tests that hold their own variables: undefined when
 * `CHAIN_RPC_URL` is unset. `dataDir` locates the deployment record (default: `DATA_DIR`'s).
 */
export function loadChainConfig(env: NodeJS.ProcessEnv, dataDir?: string): ChainConfig | undefined {
  const chain = readVariables(env, CHAIN_VARIABLES);
  return chainConfigFrom(chain, dataDir ?? readVariables(env, { DATA_DIR: SERVICE_VARIABLES.DATA_DIR }).DATA_DIR);
}

function hide<T extends object>(target: T, secrets: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(secrets)) Object.defineProperty(target, key, { value, enumerable: false, writable: false });
}
