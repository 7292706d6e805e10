import { claimLearner, credentialBody, grantAccess, registerIssuer } from './support/ledger-fixtures';
import { startServiceProcess } from './support/service-process';
import { tempDataDir } from './support/test-app';

jest.setTimeout(120_000);

describe('kill -9 right after a 201 loses nothing', () => {
  const data = tempDataDir('kill9');
  const admin = 'kill9-admin-key-of-at-least-32-characters';
  const auditor = 'kill9-auditor-key-of-at-least-32-characters';
  const env = { DATA_DIR: data.dir, ADMIN_API_KEY: admin, AUDITOR_API_KEY: auditor };
  afterAll(() => data.remove());

  it('every acknowledged credential and transfer is there after SIGKILL and restart', async () => {
    let service = await startServiceProcess(env);
    const issuer = await registerIssuer(service.http, admin, 'Durable University');
    const receiver = await registerIssuer(service.http, admin, 'Receiving College');
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await service.http.post('/v1/credentials', credentialBody('L-kill9', { title: `Module ${i}` }), issuer.apiKey);
      expect(response.status).toBe(201);
      acknowledged.push(response.body.id);
    }
    await grantAccess(service.http, await claimLearner(service.http, issuer.apiKey, 'L-kill9'), receiver.id, ['transfer']);
    const transfer = await service.http.post(
      '/v1/learners/L-kill9/transfers',
      { credentialIds: acknowledged.slice(0, 2), programme: 'BSc' },
      receiver.apiKey,
    );
    expect(transfer.status).toBe(201);
    await service.kill('SIGKILL');

    service = await startServiceProcess(env);
    try {
      for (const id of acknowledged) {
        const response = await service.http.get(`/v1/credentials/${id}`);
        expect(response.status).toBe(200);
      }
      const balance = (await service.http.get('/v1/learners/L-kill9/balance', auditor)).body;
      expect(balance).toMatchObject({ issued: '22.5', transferred: { total: '9' }, available: '13.5' });
    } finally {
      await service.kill('SIGTERM');
    }
  });
});
