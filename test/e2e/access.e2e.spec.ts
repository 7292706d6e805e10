import { issueCredential, registerIssuer, RegisteredIssuer, credentialBody } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

describe('access control', () => {
  const data = tempDataDir('access');
  let api: TestApp;
  let a: RegisteredIssuer;
  let b: RegisteredIssuer;

  beforeAll(async () => {
    api = await startTestApp(data.dir);
    a = await registerIssuer(api.http, api.adminKey, 'Issuer A');
    b = await registerIssuer(api.http, api.adminKey, 'Issuer B');
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('refuses a missing or unknown key with 401', async () => {
    const none = await api.http.post('/v1/credentials', credentialBody('L-2'));
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('AUTH.MISSING_KEY');
    const wrong = await api.http.post('/v1/credentials', credentialBody('L-2'), 'sl_iss_not-a-real-key');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('AUTH.INVALID_KEY');
  });

  it('only the authority registers issuers', async () => {
    const response = await api.http.post(
      '/v1/issuers',
      { name: 'X', country: 'IN', accreditationCode: 'X', contactEmail: 'x@example.edu' },
      a.apiKey,
    );
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.FORBIDDEN');
  });

  it("an issuer cannot revoke another issuer's credential; the authority can", async () => {
    const credential = await issueCredential(api.http, a.apiKey, 'L-3');
    const byOther = await api.http.post(`/v1/credentials/${credential.id}/revoke`, { reason: 'mine now' }, b.apiKey);
    expect(byOther.status).toBe(403);
    expect(byOther.body.code).toBe('CREDENTIAL.NOT_ISSUER');
    const byAdmin = await api.http.post(`/v1/credentials/${credential.id}/revoke`, { reason: 'authority decision' }, api.adminKey);
    expect(byAdmin.status).toBe(200);
  });

  it('a suspended issuer cannot issue until reinstated; its past credentials stay valid', async () => {
    const earlier = await issueCredential(api.http, b.apiKey, 'L-4');
    expect((await api.http.post(`/v1/issuers/${b.id}/suspend`, { reason: 'audit' }, api.adminKey)).body.status).toBe('suspended');
    const refused = await api.http.post('/v1/credentials', credentialBody('L-4'), b.apiKey);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ISSUER.SUSPENDED');
    expect((await api.http.get(`/v1/credentials/${earlier.id}`)).body.status).toBe('active');
    expect((await api.http.post(`/v1/issuers/${b.id}/reinstate`, {}, api.adminKey)).body.status).toBe('active');
    expect((await api.http.post('/v1/credentials', credentialBody('L-4'), b.apiKey)).status).toBe(201);
  });

  it('balances are for issuers and auditors, not the public', async () => {
    expect((await api.http.get('/v1/learners/L-3/balance')).status).toBe(401);
    expect((await api.http.get('/v1/learners/L-3/balance', api.auditorKey)).status).toBe(200);
  });
});
