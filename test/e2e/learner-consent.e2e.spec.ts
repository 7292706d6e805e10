import { claimLearner, grantAccess, issueCredential, registerIssuer, RegisteredIssuer } from './support/ledger-fixtures';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

/**
 * A learner's consent, tried as a new user would through the real app: issuers read and move a
 * learner's data only as the learner allows; the credential id stays a share link; the auditor
 * sees everything.
 */
describe('learner consent and access', () => {
  const data = tempDataDir('consent');
  let api: TestApp;
  let university: RegisteredIssuer;
  let college: RegisteredIssuer;
  let stranger: RegisteredIssuer;
  let credentials: string[];
  const learnerId = 'ABC-100200300400';
  const otherLearnerId = 'ABC-999888777666';

  beforeAll(async () => {
    api = await startTestApp(data.dir);
    university = await registerIssuer(api.http, api.adminKey, 'Issuing University');
    college = await registerIssuer(api.http, api.adminKey, 'Receiving College');
    stranger = await registerIssuer(api.http, api.adminKey, 'Stranger Institute');
    credentials = [];
    for (let i = 0; i < 3; i++) credentials.push((await issueCredential(api.http, university.apiKey, learnerId)).id);
    await issueCredential(api.http, university.apiKey, otherLearnerId);
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  const headSeq = async () => (await api.http.get('/health')).body.store.headSeq as number;
  const transfer = (key: string, ids: string[]) =>
    api.http.post(`/v1/learners/${learnerId}/transfers`, { credentialIds: ids, programme: 'B.Sc. Data Science' }, key);

  it('an institution without a grant gets 403 for the balance and a transfer, yet opens a credential by its id', async () => {
    const before = await headSeq();
    const balance = await api.http.get(`/v1/learners/${learnerId}/balance`, college.apiKey);
    expect([balance.status, balance.body.code]).toEqual([403, 'ACCESS.NO_GRANT']);
    const moved = await transfer(college.apiKey, [credentials[0]]);
    expect([moved.status, moved.body.code]).toEqual([403, 'ACCESS.NO_GRANT']);
    expect(await headSeq()).toBe(before);
    const shared = await api.http.get(`/v1/credentials/${credentials[0]}`, college.apiKey);
    expect([shared.status, shared.body.status]).toEqual([200, 'active']);
    // Its credential list holds only what it issued or received: nothing yet.
    expect((await api.http.get(`/v1/learners/${learnerId}/credentials`, college.apiKey)).body.credentials).toEqual([]);
  });

  it('an issuer that never issued to the learner cannot get a claim code', async () => {
    const refused = await api.http.post(`/v1/learners/${learnerId}/claim-codes`, {}, stranger.apiKey);
    expect([refused.status, refused.body.code]).toEqual([403, 'CLAIM.NOT_ISSUER']);
  });

  let learnerKey: string;
  it("the learner claims once; a second use of the code fails; it reads its own balance and not another learner's", async () => {
    const code = await api.http.post(`/v1/learners/${learnerId}/claim-codes`, {}, university.apiKey);
    expect(code.status).toBe(201);
    expect(code.body.code).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    const claimed = await api.http.post('/v1/learners/claim', { code: code.body.code });
    expect(claimed.status).toBe(201);
    expect(claimed.body.learnerId).toBe(learnerId);
    expect(claimed.body.apiKey).toMatch(/^sl_lrn_/);
    learnerKey = claimed.body.apiKey;
    const again = await api.http.post('/v1/learners/claim', { code: code.body.code });
    expect([again.status, again.body.code]).toEqual([409, 'CLAIM.CODE_USED']);
    const forged = await api.http.post('/v1/learners/claim', { code: code.body.code.slice(0, -4) + 'AAAA' });
    expect([forged.status, forged.body.code]).toEqual([403, 'CLAIM.INVALID_CODE']);

    const own = await api.http.get(`/v1/learners/${learnerId}/balance`, learnerKey);
    expect([own.status, own.body.available]).toEqual([200, '13.5']);
    const other = await api.http.get(`/v1/learners/${otherLearnerId}/balance`, learnerKey);
    expect([other.status, other.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await api.http.get(`/v1/learners/${learnerId}/credentials`, learnerKey)).body.credentials).toHaveLength(3);
  });

  let grantId: string;
  it('after a grant the institution reads and transfers', async () => {
    const grant = await grantAccess(api.http, { learnerId, apiKey: learnerKey }, college.id, ['read', 'transfer']);
    expect(grant).toMatchObject({ institutionId: college.id, scopes: ['read', 'transfer'], status: 'active' });
    grantId = grant.grantId;
    const balance = await api.http.get(`/v1/learners/${learnerId}/balance`, college.apiKey);
    expect([balance.status, balance.body.available]).toEqual([200, '13.5']);
    const moved = await transfer(college.apiKey, [credentials[0]]);
    expect([moved.status, moved.body.credits]).toEqual([201, '4.5']);
  });

  it('after the withdrawal it can do neither, yet keeps the credential it received', async () => {
    const withdrawn = await api.http.request('DELETE', `/v1/learners/${learnerId}/grants/${grantId}`, { key: learnerKey });
    expect([withdrawn.status, withdrawn.body.status]).toEqual([200, 'withdrawn']);
    const before = await headSeq();
    expect((await api.http.get(`/v1/learners/${learnerId}/balance`, college.apiKey)).body.code).toBe('ACCESS.NO_GRANT');
    const moved = await transfer(college.apiKey, [credentials[1]]);
    expect([moved.status, moved.body.code]).toEqual([403, 'ACCESS.NO_GRANT']);
    expect(await headSeq()).toBe(before);
    const received = await api.http.get(`/v1/learners/${learnerId}/credentials`, college.apiKey);
    expect(received.body.credentials.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [credentials[0], 'transferred'],
    ]);
  });

  it('the auditor sees everything: balance, grants and the access log', async () => {
    const balance = await api.http.get(`/v1/learners/${learnerId}/balance`, api.auditorKey);
    expect([balance.status, balance.body.transferred.total]).toEqual([200, '4.5']);
    const grants = await api.http.get(`/v1/learners/${learnerId}/grants`, api.auditorKey);
    expect(grants.body.grants.map((g: { status: string }) => g.status)).toEqual(['withdrawn']);
    const log = await api.http.get(`/v1/learners/${learnerId}/access-log`, learnerKey);
    expect(log.status).toBe(200);
    const who = log.body.entries.map((e: { who: string; what: string; scope: string }) => `${e.who} ${e.what} ${e.scope}`);
    expect(who).toContain(`issuer:${college.id} GET /v1/learners/{learnerId}/balance all`);
    expect(who).toContain(`issuer:${college.id} GET /v1/learners/{learnerId}/credentials issued-by-caller`);
    expect(who).toContain('auditor GET /v1/learners/{learnerId}/balance all');
    expect(who.filter((w: string) => w.startsWith('learner'))).toEqual([]);
  });

  it('the learner rotates its key: the old one stops at once', async () => {
    const rotated = await api.http.post(`/v1/learners/${learnerId}/api-key`, {}, learnerKey);
    expect(rotated.status).toBe(200);
    expect((await api.http.get(`/v1/learners/${learnerId}/balance`, learnerKey)).status).toBe(401);
    expect((await api.http.get(`/v1/learners/${learnerId}/balance`, rotated.body.apiKey)).status).toBe(200);
    learnerKey = rotated.body.apiKey;
  });

  it('OpenAPI shows the learner routes with the learner key among their security schemes', async () => {
    const doc = (await api.http.get('/docs/openapi.json')).body;
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'learner']);
    const security = (path: string, method: string) => doc.paths[path][method].security.flatMap((s: object) => Object.keys(s));
    expect(security('/v1/learners/{learnerId}/grants', 'post')).toEqual(['learner']);
    expect(security('/v1/learners/{learnerId}/balance', 'get').sort()).toEqual(['bearer', 'learner']);
    expect(doc.paths['/v1/learners/claim'].post.security ?? []).toEqual([]);
  });

  it('claimLearner helper: a second learner claims through the fixtures', async () => {
    const other = await claimLearner(api.http, university.apiKey, otherLearnerId);
    expect((await api.http.get(`/v1/learners/${learnerId}/grants`, other.apiKey)).body.code).toBe('AUTH.FORBIDDEN');
  });

  it('after a restart with the read models deleted, keys, codes and grants are rebuilt from the log (hashes from metadata)', async () => {
    await issueCredential(api.http, university.apiKey, 'ABC-333444555666');
    const code = (await api.http.post('/v1/learners/ABC-333444555666/claim-codes', {}, university.apiKey)).body.code;
    await api.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(data.dir, `read-models.sqlite${suffix}`), { force: true });
    api = await startTestApp(data.dir);
    expect((await api.http.get(`/v1/learners/${learnerId}/balance`, learnerKey)).status).toBe(200);
    const grants = await api.http.get(`/v1/learners/${learnerId}/grants`, learnerKey);
    expect(grants.body.grants.map((g: { grantId: string; status: string }) => [g.grantId, g.status])).toEqual([[grantId, 'withdrawn']]);
    expect((await api.http.get(`/v1/learners/${learnerId}/balance`, college.apiKey)).body.code).toBe('ACCESS.NO_GRANT');
    expect((await api.http.post('/v1/learners/claim', { code })).body.learnerId).toBe('ABC-333444555666');
    // The access log is a kept record, not a read model: it survives the rebuild.
    expect((await api.http.get(`/v1/learners/${learnerId}/access-log`, learnerKey)).body.entries.length).toBeGreaterThan(3);
  });

  it("an award needs the learner's stack grant to the awarding issuer", async () => {
    const body = {
      title: 'Certificate',
      minCredits: '4',
      minCredentials: 1,
      minLevel: 1,
      requiredSkills: [],
      acceptedIssuers: [university.id],
    };
    const pathway = (await api.http.post('/v1/pathways', body, university.apiKey)).body.id;
    const before = await headSeq();
    const refused = await api.http.post(`/v1/pathways/${pathway}/awards`, { learnerId }, university.apiKey);
    expect([refused.status, refused.body.code]).toEqual([403, 'ACCESS.NO_GRANT']);
    expect(await headSeq()).toBe(before);
    await grantAccess(api.http, { learnerId, apiKey: learnerKey }, university.id, ['stack']);
    const awarded = await api.http.post(`/v1/pathways/${pathway}/awards`, { learnerId }, university.apiKey);
    expect(awarded.status).toBe(201);
    expect(awarded.body.components).toHaveLength(1);
    expect([credentials[1], credentials[2]]).toContain(awarded.body.components[0]);
  });
});
