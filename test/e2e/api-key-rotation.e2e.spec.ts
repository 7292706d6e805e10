import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@stackledger/event-store';
import { credentialBody, registerIssuer, RegisteredIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** One line of `GET /v1/events`. */
interface LogLine {
  type: string;
  stream: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

describe('issuer API key rotation: POST /v1/issuers/{id}/api-key', () => {
  const data = tempDataDir('key-rotation');
  const legacy = { id: randomUUID(), apiKey: `sl_iss_legacy-${randomUUID()}` };
  let api: TestApp;
  const keys: string[] = [legacy.apiKey];

  const rotate = (issuerId: string, key: string) => api.http.post(`/v1/issuers/${issuerId}/api-key`, undefined, key);
  const issue = (key: string) => api.http.post('/v1/credentials', credentialBody('L-rotation'), key);
  const headSeq = async () => (await api.http.get('/health')).body.store.headSeq as number;
  const register = async (name: string): Promise<RegisteredIssuer> => {
    const issuer = await registerIssuer(api.http, api.adminKey, name);
    keys.push(issuer.apiKey);
    return issuer;
  };
  const rotated = async (issuerId: string, key: string): Promise<string> => {
    const response = await rotate(issuerId, key);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['apiKey']);
    keys.push(response.body.apiKey);
    return response.body.apiKey;
  };

  beforeAll(async () => {
    // A ledger written before key hashes left the anchored data: its registration has the v1 shape.
    const store = SqliteEventStore.open(join(data.dir, 'ledger.sqlite'));
    const registeredAt = '2026-01-01T00:00:00.000Z';
    const profile = {
      issuerId: legacy.id,
      name: 'Legacy University',
      country: 'IN',
      accreditationCode: 'L-1',
      contactEmail: 'r@legacy.example.edu',
      apiKeyHash: sha256(legacy.apiKey),
      registeredAt,
    };
    await store.append(
      `issuer-${legacy.id}`,
      [{ id: randomUUID(), type: 'IssuerRegistered', data: profile, metadata: { actor: 'admin' }, recordedAt: registeredAt }],
      'no-stream',
    );
    await store.close();
    api = await startTestApp(data.dir);
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('an issuer of a ledger written before v2 (key hash in the event data) still authenticates, and can rotate', async () => {
    expect((await issue(legacy.apiKey)).status).toBe(201);
    expect((await api.http.get(`/v1/issuers/${legacy.id}`)).body).not.toHaveProperty('apiKeyHash');
    const fresh = await rotated(legacy.id, legacy.apiKey);
    expect((await issue(legacy.apiKey)).body).toMatchObject({ statusCode: 401, code: 'AUTH.INVALID_KEY' });
    expect((await issue(fresh)).status).toBe(201);
  });

  it('the issuer rotates its own key: the new key works, the old one is refused from the next request on', async () => {
    const a = await register('Rotating University');
    const fresh = await rotated(a.id, a.apiKey);
    expect(fresh).toMatch(/^sl_iss_[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(a.apiKey);
    const stale = await issue(a.apiKey);
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ code: 'AUTH.INVALID_KEY', field: 'Authorization' });
    expect((await rotate(a.id, a.apiKey)).status).toBe(401);
    expect((await issue(fresh)).status).toBe(201);
  });

  it('the authority rotates any issuer key, also while the issuer is suspended; the suspended issuer cannot', async () => {
    const c = await register('Suspended College');
    expect((await api.http.post(`/v1/issuers/${c.id}/suspend`, { reason: 'key leaked' }, api.adminKey)).status).toBe(200);
    const before = await headSeq();
    expect((await rotate(c.id, c.apiKey)).body).toMatchObject({ statusCode: 403, code: 'ISSUER.SUSPENDED' });
    expect(await headSeq()).toBe(before);
    const fresh = await rotated(c.id, api.adminKey);
    expect((await api.http.post(`/v1/issuers/${c.id}/reinstate`, {}, api.adminKey)).status).toBe(200);
    expect((await issue(c.apiKey)).status).toBe(401);
    expect((await issue(fresh)).status).toBe(201);
  });

  it('refuses another issuer (403), the auditor (403), no key (401), an unknown issuer (404), storing nothing', async () => {
    const a = await register('Target University');
    const b = await register('Meddling University');
    const before = await headSeq();
    expect((await rotate(a.id, b.apiKey)).body).toMatchObject({ statusCode: 403, code: 'AUTH.FORBIDDEN', field: 'id' });
    expect((await rotate(a.id, api.auditorKey)).body).toMatchObject({ statusCode: 403, code: 'AUTH.FORBIDDEN' });
    expect((await api.http.post(`/v1/issuers/${a.id}/api-key`, undefined)).status).toBe(401);
    expect((await rotate(randomUUID(), api.adminKey)).body).toMatchObject({ statusCode: 404, code: 'ISSUER.NOT_FOUND' });
    expect((await rotate('not-a-uuid', api.adminKey)).body).toMatchObject({ statusCode: 400, field: 'id' });
    expect(await headSeq()).toBe(before);
    expect((await issue(a.apiKey)).status).toBe(201);
  });

  it("keeps every key hash out of the events' data: new registrations and rotations carry it in metadata", async () => {
    const response = await api.http.get('/v1/events', api.auditorKey);
    const lines = response.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LogLine);
    const issuerEvents = lines.filter((e) => e.stream.startsWith('issuer-') && e.type !== 'IssuerRegistered');
    expect(new Set(issuerEvents.map((e) => e.type))).toEqual(
      new Set(['IssuerRegistered.v2', 'IssuerApiKeyRotated', 'IssuerSuspended', 'IssuerReinstated']),
    );
    for (const e of issuerEvents.filter((x) => x.type === 'IssuerRegistered.v2' || x.type === 'IssuerApiKeyRotated')) {
      expect(e.metadata.apiKeyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.data).not.toHaveProperty('apiKeyHash');
    }
    expect(issuerEvents.filter((e) => e.type === 'IssuerApiKeyRotated').map((e) => Object.keys(e.data))).toEqual(
      Array(3).fill(['issuerId', 'rotatedAt']),
    );
    // Only the v1 event written before the change has a hash in its data.
    const data = JSON.stringify(lines.filter((e) => e.type !== 'IssuerRegistered').map((e) => e.data));
    for (const key of keys) expect(data.includes(sha256(key))).toBe(false);
    expect(lines.some((e) => e.metadata.apiKeyHash === sha256(keys[keys.length - 1]))).toBe(true);
  });

  it('read models rebuilt from the log after a restart know only the current keys', async () => {
    const a = await register('Restarted University');
    const fresh = await rotated(a.id, a.apiKey);
    await api.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(data.dir, `read-models.sqlite${suffix}`), { force: true });
    api = await startTestApp(data.dir);
    expect((await issue(a.apiKey)).status).toBe(401);
    expect((await issue(legacy.apiKey)).status).toBe(401);
    expect((await issue(fresh)).status).toBe(201);
  });
});
