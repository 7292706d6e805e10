import { sameKey } from '../../apps/api/src/auth/api-keys';
import { TokenBuckets } from '../../apps/api/src/auth/token-bucket';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { credentialBody, registerIssuer, RegisteredIssuer } from '../e2e/support/ledger-fixtures';
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

  it('RATE_LIMIT_PER_MINUTE: default 6000, 0 turns it off, garbage is refused', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(6000);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-5' })).toThrow(/non-negative integer/);
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

  beforeAll(async () => {
    api = await startReliabilityApp(data.dir, { rateLimitPerMinute: LIMIT });
    issuer = await registerIssuer(api.http, api.adminKey, 'Throttled University');
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('gives a key its limit, then 429 RATE.LIMITED with Retry-After; other keys are unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 5; i++) statuses.push((await api.http.get('/v1/learners/L-rl/balance', issuer.apiKey)).status);
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

  it('limits anonymous callers and unknown keys by IP: random keys do not buy fresh buckets', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await api.http.get('/v1/anchors', `sl_iss_random-${i}`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    const anonymous = await api.http.get('/health');
    expect(anonymous.status).toBe(429);
    expect(anonymous.body.code).toBe('RATE.LIMITED');
  });
});
