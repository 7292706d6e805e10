import { claimLearner, credentialBody, grantAccess, issueCredential, registerIssuer } from './support/ledger-fixtures';
import { useTestApp } from './support/test-app';

describe('idempotent retries and racing transfers', () => {
  const app = useTestApp('races');

  it('a retry with the same Idempotency-Key and body is stored once; another body with that key is 409', async () => {
    const api = app();
    const issuer = await registerIssuer(api.http, api.adminKey, 'Retry University');
    const body = credentialBody('L-retry');
    const headers = { 'Idempotency-Key': 'issue-0001' };
    const first = await api.http.post('/v1/credentials', body, issuer.apiKey, headers);
    const second = await api.http.post('/v1/credentials', { ...body }, issuer.apiKey, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const listed = await api.http.get('/v1/learners/L-retry/credentials', api.auditorKey);
    expect(listed.body.credentials).toHaveLength(1);

    const other = await api.http.post('/v1/credentials', { ...body, title: 'Something else' }, issuer.apiKey, headers);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('a fresh issuance answers what GET shows; a retry after a revocation answers the credential as it is now', async () => {
    const api = app();
    const issuer = await registerIssuer(api.http, api.adminKey, 'Replay College');
    const headers = { 'Idempotency-Key': 'issue-then-revoke' };
    const body = credentialBody('L-replay');
    const issued = await api.http.post('/v1/credentials', body, issuer.apiKey, headers);
    expect(issued.status).toBe(201);
    const shown = await api.http.get(`/v1/credentials/${issued.body.id}`, issuer.apiKey);
    expect(issued.body).toEqual(shown.body);

    const revoked = await api.http.post(`/v1/credentials/${issued.body.id}/revoke`, { reason: 'issued in error' }, issuer.apiKey);
    expect(revoked.status).toBe(200);
    const retried = await api.http.post('/v1/credentials', body, issuer.apiKey, headers);
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(issued.body.id);
    expect(retried.body.status).toBe('revoked');
  });

  it('10 racing transfers of one credential: exactly one 201 and nine 409, credits counted once', async () => {
    const api = app();
    const origin = await registerIssuer(api.http, api.adminKey, 'Origin College');
    const receivers = await Promise.all(Array.from({ length: 10 }, (_, i) => registerIssuer(api.http, api.adminKey, `Receiver ${i}`)));
    const credential = await issueCredential(api.http, origin.apiKey, 'L-race');
    const learner = await claimLearner(api.http, origin.apiKey, 'L-race');
    for (const receiver of receivers) await grantAccess(api.http, learner, receiver.id, ['transfer']);

    const results = await Promise.all(
      receivers.map((r) => api.http.post('/v1/learners/L-race/transfers', { credentialIds: [credential.id], programme: 'MSc' }, r.apiKey)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    results.filter((r) => r.status === 409).forEach((r) => expect(r.body.code).toBe('CREDIT.ALREADY_TRANSFERRED'));

    const balance = (await api.http.get('/v1/learners/L-race/balance', api.auditorKey)).body;
    expect(balance.transferred.total).toBe('4.5');
    expect(Object.values(balance.transferred.byInstitution)).toEqual(['4.5']);
    expect(balance.available).toBe('0');
  });
});
