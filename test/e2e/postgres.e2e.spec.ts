import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { independentVerify } from '../cli/independent-verifier';
import { usePostgresCluster } from '../support/postgres';
import { deployTestAnchor } from '../support/test-chain';
import { credentialBody, issueCredential, registerIssuer, RegisteredIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

jest.setTimeout(90_000);

/** The real app with DATABASE_URL set: every write path, anchoring and proofs on a real PostgreSQL server. */
describe('the API on PostgreSQL (DATABASE_URL, a real server)', () => {
  const postgres = usePostgresCluster();
  const data = tempDataDir('pg-e2e');
  let api: TestApp;
  let chainEnv: Record<string, string>;
  let origin: RegisteredIssuer;
  let receiver: RegisteredIssuer;

  beforeAll(async () => {
    const deployed = await deployTestAnchor();
    chainEnv = { CHAIN_RPC_URL: deployed.rpcUrl, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    const url = await postgres().createDatabase('ledger');
    api = await startTestApp(data.dir, { DATABASE_URL: url, BODY_LIMIT: '2mb', ANCHOR_INTERVAL_MS: '0' }, await openAnchorChain(data.dir, chainEnv));
    origin = await registerIssuer(api.http, api.adminKey, 'Postgres University');
    receiver = await registerIssuer(api.http, api.adminKey, 'Receiving College');
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('/health names the store, up, and where it is (no credentials); no ledger file in DATA_DIR', async () => {
    const health = await api.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.store).toEqual({ kind: 'postgres', at: `PostgreSQL at 127.0.0.1:${postgres().port}/ledger`, status: 'up', headSeq: expect.any(Number) });
    expect(health.body.store.headSeq).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(data.dir, 'ledger.sqlite'))).toBe(false);
  });

  it('issues, bulk issues (201), transfers and revokes; balances and statuses follow', async () => {
    const one = await issueCredential(api.http, origin.apiKey, 'L-pg-1');
    const bulk = await api.http.post('/v1/credentials:batch', { items: Array.from({ length: 300 }, (_, i) => credentialBody(`L-pg-bulk-${i % 150}`, { title: `Module ${i}` })) }, origin.apiKey);
    expect(bulk.status).toBe(201);
    expect(bulk.body.credentials).toHaveLength(300);
    for (const credential of bulk.body.credentials.slice(0, 3)) expect((await api.http.get(`/v1/credentials/${credential.id}`, origin.apiKey)).body).toEqual(credential);

    const second = await issueCredential(api.http, origin.apiKey, 'L-pg-1', { title: 'Statistics', credits: 3, hours: 90 });
    const transfer = await api.http.post('/v1/learners/L-pg-1/transfers', { credentialIds: [one.id], programme: 'BSc Data Science' }, receiver.apiKey);
    expect(transfer.status).toBe(201);
    const revoke = await api.http.post(`/v1/credentials/${second.id}/revoke`, { reason: 'issued in error' }, origin.apiKey);
    expect(revoke.status).toBe(200);
    const balance = (await api.http.get('/v1/learners/L-pg-1/balance', api.auditorKey)).body;
    expect(balance).toMatchObject({ issued: '7.5', available: '0', revoked: '3', transferred: { total: '4.5' } });
    // Ten racing transfers of one credential: exactly one wins, as on SQLite.
    const contested = await issueCredential(api.http, origin.apiKey, 'L-pg-2');
    const race = await Promise.all(Array.from({ length: 10 }, () => api.http.post('/v1/learners/L-pg-2/transfers', { credentialIds: [contested.id], programme: 'BA' }, receiver.apiKey)));
    expect(race.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
  });

  it('anchors, serves a proof a SPEC-only verifier accepts, and shows a revocation on chain', async () => {
    const credential = await issueCredential(api.http, origin.apiKey, 'L-pg-anchor');
    const anchored = await api.http.post('/v1/anchors', {}, api.adminKey);
    expect(anchored.status).toBe(201);
    expect(anchored.body).toMatchObject({ index: 0, fromSeq: 1 });
    const bundle = (await api.http.get(`/v1/credentials/${credential.id}/proof`)).body;
    expect(bundle.merkle.batch).toMatchObject({ index: 0, fromSeq: 1, toSeq: anchored.body.toSeq });
    expect(bundle.event.seq).toBeLessThanOrEqual(anchored.body.toSeq);
    expect(await independentVerify(bundle, chainEnv.CHAIN_RPC_URL, chainEnv.ANCHOR_CONTRACT)).toBe('valid');

    expect((await api.http.post(`/v1/credentials/${credential.id}/revoke`, { reason: 'plagiarism' }, origin.apiKey)).status).toBe(200);
    expect((await api.http.post('/v1/anchors', {}, api.adminKey)).status).toBe(201);
    expect(await independentVerify(bundle, chainEnv.CHAIN_RPC_URL, chainEnv.ANCHOR_CONTRACT)).toBe('revoked');
  });
});
