import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { claimLearner, grantAccess, issueCredential, registerIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

const sum = (...values: string[]) => values.reduce((total, v) => total + Math.round(Number(v) * 100), 0);

describe('ledger flow over HTTP (real Nest app, real SQLite file)', () => {
  const data = tempDataDir('flow');
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(data.dir);
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('registers two issuers, issues, transfers, revokes, and balances add up exactly; a restart keeps them', async () => {
    const { http, adminKey, auditorKey } = api;
    const iitm = await registerIssuer(http, adminKey, 'IIT Madras Online');
    const ignou = await registerIssuer(http, adminKey, 'IGNOU');
    const learner = 'APAAR-100200300400';

    const sql = await issueCredential(http, iitm.apiKey, learner, { credits: '4.5', hours: 135, level: 4.5 });
    const stats = await issueCredential(http, iitm.apiKey, learner, { credits: 3, hours: 90, level: 5 });
    const python = await issueCredential(http, iitm.apiKey, learner, { credits: '2.25', hours: 68, level: 5 });
    expect(sql).toMatchObject({ learnerId: learner, issuerId: iitm.id, credits: '4.5', status: 'active', creditBasis: 'ncrf' });
    expect(stats.credits).toBe('3');

    // The learner consents to the transfer: it claims its account and grants IGNOU.
    await grantAccess(http, await claimLearner(http, iitm.apiKey, learner), ignou.id, ['transfer']);
    const transfer = await http.post(
      `/v1/learners/${learner}/transfers`,
      { credentialIds: [sql.id, stats.id], programme: 'BA Economics' },
      ignou.apiKey,
    );
    expect(transfer.status).toBe(201);
    expect(transfer.body).toMatchObject({ learnerId: learner, toIssuerId: ignou.id, credits: '7.5' });

    const revoked = await http.post(`/v1/credentials/${python.id}/revoke`, { reason: 'exam irregularity' }, iitm.apiKey);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');

    const balance = await http.get(`/v1/learners/${learner}/balance`, auditorKey);
    expect(balance.status).toBe(200);
    expect(balance.body).toMatchObject({
      learnerId: learner,
      issued: '9.75',
      available: '0',
      transferred: { total: '7.5', byInstitution: { [ignou.id]: '7.5' } },
      revoked: '2.25',
      expired: '0',
    });
    const b = balance.body;
    expect(sum(b.issued)).toBe(sum(b.available, b.transferred.total, b.revoked, b.expired));

    const listed = await http.get(`/v1/learners/${learner}/credentials`, iitm.apiKey);
    expect(listed.body.credentials.map((c: any) => c.status)).toEqual(['transferred', 'transferred', 'revoked']);

    // Revoking a transferred credential takes its credits out of the receiving institution's total.
    await http.post(`/v1/credentials/${stats.id}/revoke`, { reason: 'issued in error' }, adminKey);
    const after = (await http.get(`/v1/learners/${learner}/balance`, auditorKey)).body;
    expect(after.transferred).toEqual({ total: '4.5', byInstitution: { [ignou.id]: '4.5' } });
    expect(after.revoked).toBe('5.25');

    await api.close();
    api = await startTestApp(data.dir);
    const restarted = await api.http.get(`/v1/learners/${learner}/balance`, auditorKey);
    expect(restarted.body).toEqual(after);

    // Read models are disposable: without them, the next start rebuilds them from the log alone.
    await api.close();
    rmSync(join(data.dir, 'read-models.sqlite'));
    api = await startTestApp(data.dir);
    const rebuilt = await api.http.get(`/v1/learners/${learner}/balance`, auditorKey);
    expect(rebuilt.body).toEqual(after);
  });
});
