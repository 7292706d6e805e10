import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig } from './app-config';

describe('loadConfig', () => {
  const long = 'k'.repeat(32);

  it.each(['ADMIN_API_KEY', 'AUDITOR_API_KEY'])(
    'refuses %s shorter than 32 characters, naming the variable but not echoing the key',
    (name) => {
      expect(() => loadConfig({ [name]: 'test-admin-key' })).toThrow(
        new RegExp(`^${name} must be at least 32 characters long \\(it has 14\\)`),
      );
      try {
        loadConfig({ [name]: 'short-secret' });
      } catch (error) {
        expect(String(error)).not.toContain('short-secret');
      }
      expect(loadConfig({ [name]: long })[name === 'ADMIN_API_KEY' ? 'adminApiKey' : 'auditorApiKey']).toBe(long);
    },
  );

  it('leaves both keys unset when empty', () => {
    expect(loadConfig({ ADMIN_API_KEY: '', AUDITOR_API_KEY: '' })).toMatchObject({ adminApiKey: undefined, auditorApiKey: undefined });
  });

  it('TRUST_PROXY: unset, false or 0 trusts no one; a number is the count of proxies; a list names them', () => {
    for (const off of [undefined, '', 'false', '0']) expect(loadConfig({ TRUST_PROXY: off }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, ::FFFF:10.0.0.2,fd00::1' }).trustProxy).toEqual({
      kind: 'addresses',
      addresses: new Set(['10.0.0.1', '10.0.0.2', 'fd00::1']),
    });
  });

  it.each(['true', 'yes', '10.0.0.0/8', '10.0.0.1,proxy.local', '17'])('refuses TRUST_PROXY=%s, naming the variable', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be false, a number of proxies from 1 to 16, or/);
  });
});

describe('loadConfig: every variable', () => {
  const KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'; // Hardhat dev account #1
  const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

  it('gives the documented defaults when nothing is set, and trims what is set', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 3000,
      dataDir: resolve('.data'),
      anchorIntervalMs: 60_000,
      bodyLimit: '256kb',
      readYourWritesTimeoutMs: 5_000,
      rateLimitPerMinute: 6_000,
      trustProxy: { kind: 'none' },
      chain: undefined,
      localChainPort: 8545,
      databasePoolSize: 10,
      databaseStatementTimeoutMs: 30_000,
      signatureThreads: Math.max(1, Math.min(4, availableParallelism())),
    });
    expect(
      loadConfig({ PORT: ' 0 ', HOST: ' 0.0.0.0', DATA_DIR: '/tmp/x ', BODY_LIMIT: '2mb', CHAIN_PORT: '8599', SIGNATURE_THREADS: '0' }),
    ).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      bodyLimit: '2mb',
      localChainPort: 8599,
      signatureThreads: 0,
    });
    expect(loadConfig({ SIGNATURE_THREADS: ' 3' }).signatureThreads).toBe(3);
  });

  it.each([
    ['PORT', '70000', /^PORT must be a TCP port \(0-65535\), got "70000"$/],
    ['PORT', 'http', /^PORT must be a TCP port/],
    ['CHAIN_PORT', '0', /^CHAIN_PORT must be a TCP port \(1-65535\), got "0"$/],
    ['ANCHOR_INTERVAL_MS', '1.5', /^ANCHOR_INTERVAL_MS must be a non-negative integer, got "1.5"$/],
    ['ANCHOR_INTERVAL_MS', '1e3', /^ANCHOR_INTERVAL_MS must be a non-negative integer/],
    ['READ_YOUR_WRITES_TIMEOUT_MS', 'soon', /^READ_YOUR_WRITES_TIMEOUT_MS must be a non-negative integer/],
    ['RATE_LIMIT_PER_MINUTE', '-5', /^RATE_LIMIT_PER_MINUTE must be a non-negative integer/],
    ['BODY_LIMIT', 'lots', /^BODY_LIMIT must be a size such as 262144 \(bytes\), 256kb or 2mb, got "lots"$/],
    ['BODY_LIMIT', '-1kb', /^BODY_LIMIT must be a size/],
    ['ANCHOR_CONFIRMATIONS', '0', /^ANCHOR_CONFIRMATIONS must be a positive integer/],
    ['SIGNATURE_THREADS', '-1', /^SIGNATURE_THREADS must be auto or a number of threads from 0 to 64, got "-1"$/],
    ['SIGNATURE_THREADS', '65', /^SIGNATURE_THREADS must be auto or a number of threads from 0 to 64/],
    ['SIGNATURE_THREADS', 'all', /^SIGNATURE_THREADS must be auto or a number of threads/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('refuses an EventStoreDB connection string of another scheme without echoing it (it may hold a password)', () => {
    const attempt = () => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'postgres://admin:hunter2@db:5432' });
    expect(attempt).toThrow(/^EVENTSTORE_CONNECTION_STRING must start with esdb:\/\/ or esdb\+discover:\/\/$/);
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://db:2113?tls=true' }).eventStoreConnectionString).toBe(
      'esdb://db:2113?tls=true',
    );
  });

  it('names every wrong variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', BODY_LIMIT: 'y', ANCHORER_PRIVATE_KEY: 'z' })).toThrow(
      /^PORT must be .*; BODY_LIMIT must be .*; ANCHORER_PRIVATE_KEY must be 32 bytes .*\(got 1 characters\)$/,
    );
  });

  it('reads the chain variables with the rest; a partial chain setting stops the start', () => {
    const env = { CHAIN_RPC_URL: 'http://127.0.0.1:8545', ANCHOR_CONTRACT: CONTRACT, ANCHORER_PRIVATE_KEY: KEY };
    expect(loadConfig(env).chain).toMatchObject({ rpcUrl: 'http://127.0.0.1:8545', contract: CONTRACT, privateKey: KEY, confirmations: 1 });
    expect(() => loadConfig({ ANCHORER_PRIVATE_KEY: KEY })).toThrow(/^ANCHORER_PRIVATE_KEY set but CHAIN_RPC_URL is not/);
  });

  it('shows no key, password or RPC credential when serialised', () => {
    const secrets = {
      ADMIN_API_KEY: 'a'.repeat(40),
      AUDITOR_API_KEY: 'b'.repeat(40),
      EVENTSTORE_CONNECTION_STRING: 'esdb://admin:hunter2@db:2113',
    };
    const chain = {
      CHAIN_RPC_URL: 'https://u:p4ss@sepolia.infura.io/v3/0123456789abcdef0123456789abcdef',
      ANCHOR_CONTRACT: CONTRACT,
      ANCHORER_PRIVATE_KEY: KEY,
    };
    const config = loadConfig({ ...secrets, ...chain });
    expect(config).toMatchObject({
      adminApiKey: secrets.ADMIN_API_KEY,
      auditorApiKey: secrets.AUDITOR_API_KEY,
      eventStoreConnectionString: secrets.EVENTSTORE_CONNECTION_STRING,
    });
    const shown = JSON.stringify(config);
    for (const secret of ['aaaa', 'bbbb', 'hunter2', 'p4ss', '0123456789abcdef', KEY.slice(2)]) expect(shown).not.toContain(secret);
  });
});

describe('loadConfig: the PostgreSQL event store', () => {
  it('reads DATABASE_URL with its pool size and statement timeout, defaults 10 and 30000', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://ledger:hunter2@db:5432/ledger' })).toMatchObject({
      databaseUrl: 'postgres://ledger:hunter2@db:5432/ledger',
      databasePoolSize: 10,
      databaseStatementTimeoutMs: 30_000,
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://db/ledger', DATABASE_POOL_SIZE: '4', DATABASE_STATEMENT_TIMEOUT_MS: '0' }),
    ).toMatchObject({ databasePoolSize: 4, databaseStatementTimeoutMs: 0 });
  });

  it.each(['mysql://ledger:hunter2@db/ledger', 'postgres://', 'ledger:hunter2@db'])(
    'refuses DATABASE_URL=%s without echoing it',
    (value) => {
      expect(() => loadConfig({ DATABASE_URL: value })).toThrow(
        /^DATABASE_URL must be a URL such as postgres:\/\/user:password@host:5432\/database$/,
      );
    },
  );

  it.each([
    ['DATABASE_POOL_SIZE', '0', /^DATABASE_POOL_SIZE must be a positive integer/],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '-1', /^DATABASE_STATEMENT_TIMEOUT_MS must be a non-negative integer/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('refuses DATABASE_URL and EVENTSTORE_CONNECTION_STRING together, naming both and echoing neither', () => {
    const attempt = () =>
      loadConfig({ DATABASE_URL: 'postgres://ledger:hunter2@db/ledger', EVENTSTORE_CONNECTION_STRING: 'esdb://admin:changeit@db:2113' });
    expect(attempt).toThrow(/^DATABASE_URL and EVENTSTORE_CONNECTION_STRING are both set/);
    expect(() => attempt()).not.toThrow(/hunter2|changeit/);
  });

  it('keeps the URL out of the serialised config (it may hold a password)', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://ledger:hunter2@db:5432/ledger' });
    expect(JSON.stringify(config)).not.toContain('hunter2');
  });
});
