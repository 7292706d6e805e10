import { credentialBody, registerIssuer, RegisteredIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

/** POST /v1/credentials:batch: up to 1,000 credentials for many learners, all or nothing. */
describe('bulk issuance over HTTP (real Nest app, real SQLite file)', () => {
  const data = tempDataDir('bulk');
  let api: TestApp;
  let issuer: RegisteredIssuer;

  const batch = (items: unknown[], key = issuer.apiKey, headers?: Record<string, string>) =>
    api.http.post('/v1/credentials:batch', { items }, key, headers);
  const eventCount = async () =>
    (await api.http.get('/v1/events?fromSeq=1&limit=5000', api.auditorKey)).text.split('\n').filter(Boolean).length;
  const credentialsOf = async (learnerId: string) =>
    (await api.http.get(`/v1/learners/${learnerId}/credentials`, api.auditorKey)).body.credentials ?? [];

  beforeAll(async () => {
    api = await startTestApp(data.dir, { BODY_LIMIT: '2mb' });
    issuer = await registerIssuer(api.http, api.adminKey, 'Open University of Bulk');
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('issues credentials for several learners in one request, answered in item order', async () => {
    const response = await batch([
      credentialBody('BULK-A'),
      credentialBody('BULK-B', { credits: 3, hours: 90 }),
      credentialBody('BULK-A', { title: 'Statistics', credits: '2.25', hours: 68 }),
    ]);
    expect(response.status).toBe(201);
    expect(response.body.credentials.map((c: any) => [c.learnerId, c.credits, c.status, c.issuerId])).toEqual([
      ['BULK-A', '4.5', 'active', issuer.id],
      ['BULK-B', '3', 'active', issuer.id],
      ['BULK-A', '2.25', 'active', issuer.id],
    ]);
    expect((await credentialsOf('BULK-A')).map((c: any) => c.title)).toEqual(['Foundations of Data Analytics', 'Statistics']);
    const one = await api.http.get(`/v1/credentials/${response.body.credentials[1].id}`, issuer.apiKey);
    expect(one.body).toMatchObject({ learnerId: 'BULK-B', credits: '3' });
    // The answer is built from the appended events: it must be exactly what a read gives.
    for (const credential of response.body.credentials) {
      expect((await api.http.get(`/v1/credentials/${credential.id}`, issuer.apiKey)).body).toEqual(credential);
    }
    const balance = await api.http.get('/v1/learners/BULK-A/balance', api.auditorKey);
    expect(balance.body.issued).toBe('6.75');
  });

  it('refuses the whole batch when one item is invalid, naming the item, and stores nothing', async () => {
    const before = await eventCount();
    const shape = await batch([credentialBody('BULK-C'), credentialBody('BULK-D', { credits: 'lots' })]);
    expect(shape.status).toBe(400);
    expect(shape.body).toMatchObject({ statusCode: 400, field: 'items[1].credits' });
    const domainRule = await batch([credentialBody('BULK-C'), credentialBody('BULK-D'), credentialBody('BULK-E', { level: 11 })]);
    expect(domainRule.status).toBe(400);
    expect(domainRule.body.field).toBe('items[2].level');
    const unknownField = await batch([credentialBody('BULK-C', { colour: 'blue' })]);
    expect(unknownField.body.field).toBe('items[0].colour');
    expect(await eventCount()).toBe(before);
    expect(await credentialsOf('BULK-C')).toEqual([]);
  });

  it('refuses an empty batch, more than 1,000 items, and callers that are not issuers', async () => {
    expect((await batch([])).body).toMatchObject({ statusCode: 400, field: 'items' });
    const tooMany = await batch(Array.from({ length: 1001 }, (_, i) => credentialBody(`BULK-MANY-${i}`)));
    expect(tooMany.body).toMatchObject({ statusCode: 400, field: 'items' });
    expect((await api.http.post('/v1/credentials:batch', { items: 'x' }, issuer.apiKey)).body.field).toBe('items');
    expect((await batch([credentialBody('BULK-F')], api.adminKey)).status).toBe(403);
    expect((await batch([credentialBody('BULK-F')], 'sl_iss_wrong')).status).toBe(401);
  });

  it('issues 1,000 credentials for 1,000 learners in one request', async () => {
    const before = await eventCount();
    const response = await batch(Array.from({ length: 1000 }, (_, i) => credentialBody(`BULK-K-${i}`)));
    expect(response.status).toBe(201);
    expect(response.body.credentials).toHaveLength(1000);
    expect(await eventCount()).toBe(before + 1000);
    expect((await credentialsOf('BULK-K-999')).length).toBe(1);
  });

  it('with an Idempotency-Key, a retry returns the same credentials and another body is 409', async () => {
    const items = [credentialBody('BULK-I1'), credentialBody('BULK-I2')];
    const first = await batch(items, issuer.apiKey, { 'idempotency-key': 'bulk-1' });
    const again = await batch(items, issuer.apiKey, { 'idempotency-key': 'bulk-1' });
    expect(again.status).toBe(201);
    expect(again.body.credentials.map((c: any) => c.id)).toEqual(first.body.credentials.map((c: any) => c.id));
    expect(await credentialsOf('BULK-I1')).toHaveLength(1);
    const other = await batch([credentialBody('BULK-I1', { credits: 1 }), credentialBody('BULK-I2')], issuer.apiKey, {
      'idempotency-key': 'bulk-1',
    });
    expect(other).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY.KEY_REUSED' } });
  });

  it('a suspended issuer cannot issue in bulk', async () => {
    const suspended = await registerIssuer(api.http, api.adminKey, 'Suspended College');
    await api.http.post(`/v1/issuers/${suspended.id}/suspend`, {}, api.adminKey);
    const response = await batch([credentialBody('BULK-S')], suspended.apiKey);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ISSUER.SUSPENDED');
  });
});
