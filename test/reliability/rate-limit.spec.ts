import { sameKey } from '../../apps/api/src/auth/api-keys';
import { clientAddressOf } from '../../apps/api/src/auth/client-address';
import { TokenBuckets } from '../../apps/api/src/auth/token-bucket';
import { loadConfig } from '../../apps/api/src/config/app-config';
import {
  claimLearner,
  ClaimedLearner,
  credentialBody,
  issueCredential,
  registerIssuer,
  RegisteredIssuer,
} from '../e2e/support/ledger-fixtures';
import { tempDataDir, TestApp } from '../e2e/support/test-app';
import { startReliabilityApp } from './support/reliability-app';

describe('token buckets', () => {
  it('allow a burst of the per-minute limit, then refuse with the wait until the next token', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now);
    for (let i = 0; i < 60; i++) expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(buckets.take('b').allowed).toBe(true); // buckets are per caller
    now += 1000;
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('drop idle (full) buckets once over the caller cap, so memory stays bounded', () => {
    let now = 0;
    const buckets = new TokenBuckets(10, () => now, 100);
    for (let i = 0; i < 100; i++) buckets.take(`caller-${i}`);
    now += 60_000;
    buckets.take('one-more');
    expect(buckets.size()).toBeLessThanOrEqual(1);
  });

  it('stay bounded even when no caller is idle, forgetting the least recently seen first', () => {
    let now = 0;
    const buckets = new TokenBuckets(10, () => now, 3);
    for (const caller of ['a', 'b', 'c']) buckets.take(caller);
    for (let i = 0; i < 9; i++) buckets.take('a'); // a: empty, and the most recently seen
    now += 1;
    buckets.take('d'); // over the cap: b, seen least recently, goes
    expect(buckets.size()).toBe(3);
    expect(buckets.take('a').allowed).toBe(false); // a's empty bucket was kept
    for (let i = 0; i < 9; i++) expect(buckets.take('b').allowed).toBe(true); // b starts afresh
  });

  it('evict from the front only: a flood of distinct callers over a full table costs no scan of it', () => {
    // The clock stands still, so no bucket refills: every one is active, none can be dropped as idle.
    const buckets = new TokenBuckets(1_000, () => 0, 10_000);
    for (let i = 0; i < 10_000; i++) buckets.take(`busy-${i}`);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 50_000; i++) buckets.take(`flood-${i}`);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(buckets.size()).toBe(10_000);
    // A scan of 10,000 buckets per request made this about 500 million bucket checks (minutes).
    expect(ms).toBeLessThan(5_000);
  });

  it('RATE_LIMIT_PER_MINUTE: default 6000, 0 turns it off, garbage is refused', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(6000);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-5' })).toThrow(/non-negative integer/);
  });
});

describe('the client address a request without a known key is charged to (TRUST_PROXY)', () => {
  const xff = '203.0.113.7, 198.51.100.2, 10.0.0.2';

  it('is the TCP peer unless a proxy is trusted, whatever X-Forwarded-For says', () => {
    const address = clientAddressOf({ kind: 'none' });
    expect(address('::ffff:10.0.0.1', xff)).toBe('10.0.0.1');
    expect(address('127.0.0.1', undefined)).toBe('127.0.0.1');
  });

  it('behind N proxies, is the address N entries from the right of peer + X-Forwarded-For', () => {
    expect(clientAddressOf({ kind: 'hops', hops: 1 })('10.0.0.1', xff)).toBe('10.0.0.2');
    expect(clientAddressOf({ kind: 'hops', hops: 2 })('10.0.0.1', xff)).toBe('198.51.100.2');
    expect(clientAddressOf({ kind: 'hops', hops: 5 })('10.0.0.1', xff)).toBe('203.0.113.7'); // fewer entries: the farthest
    expect(clientAddressOf({ kind: 'hops', hops: 1 })('10.0.0.1', undefined)).toBe('10.0.0.1');
  });

  it('with named proxies, walks past them only, from a trusted peer only', () => {
    const address = clientAddressOf({ kind: 'addresses', addresses: new Set(['10.0.0.1', '10.0.0.2']) });
    expect(address('10.0.0.1', xff)).toBe('198.51.100.2');
    expect(address('192.0.2.9', xff)).toBe('192.0.2.9'); // not a proxy of ours: its header is not believed
    expect(address('::ffff:10.0.0.1', ['203.0.113.7', '10.0.0.2'])).toBe('203.0.113.7');
  });

  it('stops at an entry that is not an address: the proxy that reported it is charged', () => {
    expect(clientAddressOf({ kind: 'hops', hops: 2 })('10.0.0.1', `${'x'.repeat(5_000)}, 10.0.0.2`)).toBe('10.0.0.2');
    expect(clientAddressOf({ kind: 'hops', hops: 1 })('10.0.0.1', 'garbage')).toBe('10.0.0.1');
  });
});

describe('sameKey (constant-time comparison of digests)', () => {
  it('is true only for the identical key, whatever the lengths', () => {
    expect(sameKey('sl_admin_abc', 'sl_admin_abc')).toBe(true);
    expect(sameKey('sl_admin_abd', 'sl_admin_abc')).toBe(false);
    expect(sameKey('', 'sl_admin_abc')).toBe(false);
    expect(sameKey('sl_admin_abc'.repeat(100), 'sl_admin_abc')).toBe(false); // different lengths never throw
    expect(sameKey('sl_admin_ab', 'sl_admin_abc')).toBe(false);
    expect(sameKey('ключ-🔑', 'ключ-🔑')).toBe(true);
  });
});

describe('rate limiting over HTTP', () => {
  const data = tempDataDir('rate-limit');
  const LIMIT = 20;
  let api: TestApp;
  let issuer: RegisteredIssuer;
  let learner: ClaimedLearner;

  beforeAll(async () => {
    api = await startReliabilityApp(data.dir, { rateLimitPerMinute: LIMIT });
    issuer = await registerIssuer(api.http, api.adminKey, 'Throttled University');
    const school = await registerIssuer(api.http, api.adminKey, 'Learner School');
    await issueCredential(api.http, school.apiKey, 'L-rl-learner');
    learner = await claimLearner(api.http, school.apiKey, 'L-rl-learner');
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('gives a key its limit, then 429 RATE.LIMITED with Retry-After; other keys are unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 5; i++) statuses.push((await api.http.get('/v1/learners/L-rl/credentials', issuer.apiKey)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.slice(LIMIT)).toEqual(Array(5).fill(429));

    const response = await fetch(`${api.http.baseUrl}/v1/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${issuer.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(credentialBody('L-rl')),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await response.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'RATE.LIMITED' });

    expect((await api.http.get('/v1/learners/L-rl/balance', api.auditorKey)).status).toBe(200);
  });

  it('ignores X-Forwarded-For by default: a client cannot buy fresh buckets by inventing addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++)
      statuses.push((await api.http.request('GET', '/v1/anchors', { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
  });

  it('limits anonymous callers and unknown keys by IP: random keys do not buy fresh buckets', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await api.http.get('/v1/anchors', `sl_iss_random-${i}`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    const anonymous = await api.http.get('/health');
    expect(anonymous.status).toBe(429);
    expect(anonymous.body.code).toBe('RATE.LIMITED');
  });

  it('a learner key is a known key: its own bucket, not the exhausted per-IP one', async () => {
    expect((await api.http.get('/health')).status).toBe(429);
    const own = await api.http.get('/v1/learners/L-rl-learner/balance', learner.apiKey);
    expect([own.status, own.body.learnerId]).toEqual([200, 'L-rl-learner']);
  });
});

describe('rate limiting behind a trusted proxy (TRUST_PROXY=1)', () => {
  const data = tempDataDir('rate-limit-proxy');
  const LIMIT = 5;
  let api: TestApp;

  beforeAll(async () => {
    api = await startReliabilityApp(data.dir, { rateLimitPerMinute: LIMIT, env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  const get = (forwardedFor: string) => api.http.request('GET', '/health', { headers: { 'x-forwarded-for': forwardedFor } });

  it('gives each client the proxy names its own bucket, and limits each one', async () => {
    const first: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) first.push((await get('203.0.113.10')).status);
    expect(first.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(first.slice(LIMIT)).toEqual([429, 429]);
    // Another client behind the same proxy is not charged for the first one's requests...
    expect((await get('203.0.113.11')).status).toBe(200);
    // ...and a client cannot escape by prepending addresses: only the proxy's entry counts.
    expect((await get('192.0.2.1, 203.0.113.10')).status).toBe(429);
  });
});
