import { registerIssuer } from './support/ledger-fixtures';
import { useTestApp } from './support/test-app';

describe('operations endpoints: OpenAPI docs, health, metrics', () => {
  const app = useTestApp('ops');

  it('serves the OpenAPI document listing every v1 route, and the interactive docs page', async () => {
    const api = app();
    const openapi = await api.http.get('/docs/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/issuers',
        '/v1/credentials',
        '/v1/credentials/{id}',
        '/v1/credentials/{id}/revoke',
        '/v1/learners/{learnerId}/transfers',
        '/v1/learners/{learnerId}/balance',
      ]),
    );
    const page = await api.http.get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
  });

  it('reports health of the store and read models, with the chain not configured', async () => {
    const api = app();
    const health = await api.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      store: { status: 'up' },
      projections: { status: 'up', lag: 0 },
      chain: { status: 'not-configured' },
    });
  });

  it('exposes Prometheus metrics labelled by route pattern, never by raw ids', async () => {
    const api = app();
    await registerIssuer(api.http, api.adminKey, 'Metrics University');
    const metrics = await api.http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/stackledger_http_requests_total\{method="POST",route="\/v1\/issuers",status="201"\} 1/);
    expect(metrics.text).toMatch(/stackledger_events_appended_total\{type="IssuerRegistered\.v2"\} 1/);
    expect(metrics.text).toMatch(/stackledger_event_store_head_seq \d+/);
  });
});
