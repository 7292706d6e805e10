import {
  byteSize,
  eventStoreConnection,
  evmAddress,
  folder,
  httpUrl,
  nonNegativeInteger,
  positiveInteger,
  postgresConnection,
  privateKey,
  Rule,
  serviceKey,
  tcpPort,
  text,
  threadCount,
  trustProxy,
} from './config-rules';
import { ConfigError } from './config-error';
import { DEFAULT_DATA_DIR } from './data-dir';

interface Variable<T> {
  rule: Rule<T>;
  /** Used when the variable is unset or empty, written as an operator would write it (README shows the same). */
  default?: string;
  /** Taken byte for byte (API keys are compared exactly); every other value is trimmed first. */
  exact?: true;
}

type Variables = Record<string, Variable<unknown>>;

/** What each variable reads as: defaulted ones always have a value, the others may be undefined. */
export type Values<V extends Variables> = {
  [K in keyof V]: V[K] extends Variable<infer T> ? (V[K] extends { default: string } ? T : T | undefined) : never;
};

// Every environment variable the service reads, declared once with its rule and default.
// README's configuration table lists the same variables (a test holds the two together).

export const SERVICE_VARIABLES = {
  PORT: { rule: tcpPort(0), default: '3000' },
  HOST: { rule: text, default: '127.0.0.1' },
  DATA_DIR: { rule: folder, default: DEFAULT_DATA_DIR },
  ADMIN_API_KEY: { rule: serviceKey, exact: true }, // unset: generated once and kept in DATA_DIR
  AUDITOR_API_KEY: { rule: serviceKey, exact: true }, // unset: no auditor access
  EVENTSTORE_CONNECTION_STRING: { rule: eventStoreConnection }, // unset: SQLite in DATA_DIR
  DATABASE_URL: { rule: postgresConnection }, // unset: SQLite in DATA_DIR; never with EVENTSTORE_CONNECTION_STRING
  DATABASE_POOL_SIZE: { rule: positiveInteger, default: '10' },
  DATABASE_STATEMENT_TIMEOUT_MS: { rule: nonNegativeInteger, default: '30000' },
  ANCHOR_INTERVAL_MS: { rule: nonNegativeInteger, default: '60000' },
  BODY_LIMIT: { rule: byteSize, default: '256kb' },
  RATE_LIMIT_PER_MINUTE: { rule: nonNegativeInteger, default: '6000' },
  READ_YOUR_WRITES_TIMEOUT_MS: { rule: nonNegativeInteger, default: '5000' },
  TRUST_PROXY: { rule: trustProxy, default: 'false' },
  SIGNATURE_THREADS: { rule: threadCount, default: 'auto' }, // 0: issuers' signatures are checked on the API's thread
} satisfies Variables;

/** The chain to anchor on; each value valid on its own here, the combination is checked by chainConfigFrom. */
export const CHAIN_VARIABLES = {
  CHAIN_RPC_URL: { rule: httpUrl }, // unset: no chain, anchoring off (npm start runs a local one)
  ANCHOR_CONTRACT: { rule: evmAddress }, // unset: the address in DATA_DIR/deployment.json
  ANCHORER_PRIVATE_KEY: { rule: privateKey },
  ANCHOR_CONFIRMATIONS: { rule: positiveInteger, default: '1' },
  CHAIN_PUBLIC_RPC_URL: { rule: httpUrl }, // unset: CHAIN_RPC_URL without credentials
} satisfies Variables;

/** Read by `npm start` only. */
export const LOCAL_RUN_VARIABLES = {
  CHAIN_PORT: { rule: tcpPort(1), default: '8545' },
} satisfies Variables;

export const ALL_VARIABLES = { ...SERVICE_VARIABLES, ...CHAIN_VARIABLES, ...LOCAL_RUN_VARIABLES } satisfies Variables;

/** Reads the given variables; throws one ConfigError naming every variable that is wrong. */
export function readVariables<V extends Variables>(env: NodeJS.ProcessEnv, variables: V): Values<V> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, variable] of Object.entries(variables)) {
    const raw = env[name];
    const value = variable.exact ? raw : raw?.trim();
    const given = value === undefined || value === '' ? variable.default : value;
    try {
      values[name] = given === undefined ? undefined : variable.rule(given, name);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return values as Values<V>;
}
