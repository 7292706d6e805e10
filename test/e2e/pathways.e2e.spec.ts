import { claimLearner, grantAccess, issueCredential, registerIssuer, RegisteredIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

const cents = (v: string) => Math.round(Number(v) * 100);
const addsUp = (b: any) =>
  expect(cents(b.issued)).toBe(cents(b.available) + cents(b.transferred.total) + cents(b.revoked) + cents(b.expired) + cents(b.stacked));

describe('stackable pathways over HTTP (real Nest app, real SQLite file)', () => {
  const data = tempDataDir('pathways');
  let api: TestApp;
  let iitm: RegisteredIssuer;
  let ignou: RegisteredIssuer;
  let other: RegisteredIssuer;

  const diploma = () => ({
    title: 'Diploma in Data Analytics',
    minCredits: '10',
    minCredentials: 3,
    minLevel: 4.5,
    requiredSkills: ['sql', 'python'],
    acceptedIssuers: [iitm.id, ignou.id],
  });

  beforeAll(async () => {
    api = await startTestApp(data.dir);
    iitm = await registerIssuer(api.http, api.adminKey, 'IIT Madras Online');
    ignou = await registerIssuer(api.http, api.adminKey, 'IGNOU');
    other = await registerIssuer(api.http, api.adminKey, 'Unaccepted Academy');
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('three data credentials from two accepted issuers reach a 10-credit diploma; the award stacks them, once', async () => {
    const { http, auditorKey } = api;
    const learner = 'APAAR-500600700800';

    const defined = await http.post('/v1/pathways', diploma(), iitm.apiKey);
    expect(defined.status).toBe(201);
    expect(defined.body).toMatchObject({
      issuerId: iitm.id,
      version: 1,
      minCredits: '10',
      minCredentials: 3,
      acceptedIssuers: [iitm.id, ignou.id],
    });
    const pathwayId = defined.body.id;
    expect((await http.get(`/v1/pathways/${pathwayId}`, ignou.apiKey)).body).toEqual(defined.body);

    const sql = await issueCredential(http, iitm.apiKey, learner, {
      title: 'SQL for Analysts',
      skills: ['sql'],
      credits: '4.5',
      hours: 135,
    });
    const python = await issueCredential(http, ignou.apiKey, learner, {
      title: 'Python for Data',
      skills: ['python'],
      credits: 3,
      hours: 90,
      level: 5,
    });
    const foreign = await issueCredential(http, other.apiKey, learner, { title: 'Excel', skills: ['excel'], credits: 4, hours: 120 });
    // The learner lets IIT Madras read its progress and stack, and IGNOU receive a transfer and stack.
    const account = await claimLearner(http, iitm.apiKey, learner);
    await grantAccess(http, account, iitm.id, ['read', 'stack']);
    await grantAccess(http, account, ignou.id, ['transfer', 'stack']);

    let progress = (await http.get(`/v1/learners/${learner}/pathways`, auditorKey)).body.pathways.find(
      (p: any) => p.pathwayId === pathwayId,
    );
    expect(progress).toMatchObject({
      complete: false,
      totals: { credits: '7.5', credentials: 2 },
      missing: { credits: '2.5', credentials: 1, skills: [] },
      notCounted: [{ credentialId: foreign.id, reason: 'issuer-not-accepted' }],
    });
    const early = await http.post(`/v1/pathways/${pathwayId}/awards`, { learnerId: learner }, iitm.apiKey);
    expect([early.status, early.body.code]).toEqual([409, 'PATHWAY.RULES_NOT_MET']);
    expect(early.body.message).toContain('2.5 more credits, 1 more credential');

    const stats = await issueCredential(http, iitm.apiKey, learner, {
      title: 'Statistics',
      skills: ['statistics'],
      credits: '2.5',
      hours: 75,
    });
    progress = (await http.get(`/v1/learners/${learner}/pathways`, iitm.apiKey)).body.pathways.find((p: any) => p.pathwayId === pathwayId);
    expect(progress).toMatchObject({
      complete: true,
      wouldStack: [sql.id, python.id, stats.id],
      missing: { credits: '0', credentials: 0, skills: [] },
    });

    const notOwner = await http.post(`/v1/pathways/${pathwayId}/awards`, { learnerId: learner }, ignou.apiKey);
    expect([notOwner.status, notOwner.body.code]).toEqual([403, 'PATHWAY.NOT_OWNER']);

    const award = await http.post(`/v1/pathways/${pathwayId}/awards`, { learnerId: learner }, iitm.apiKey);
    expect(award.status).toBe(201);
    const qualification = award.body;
    // The answer is built from the award's own event; it is what a read of the credential shows.
    expect((await http.get(`/v1/credentials/${qualification.id}`, iitm.apiKey)).body).toEqual(qualification);
    expect(qualification).toMatchObject({
      issuerId: iitm.id,
      learnerId: learner,
      title: 'Diploma in Data Analytics',
      credits: '10',
      hours: 300,
      level: 4.5,
      skills: ['sql', 'python', 'statistics'],
      pathwayId,
      pathwayVersion: 1,
      components: [sql.id, python.id, stats.id],
      status: 'active',
      componentRevoked: false,
      revokedComponents: [],
    });
    expect(qualification.salt).toMatch(/^0x[0-9a-f]{64}$/);

    for (const component of [sql, python, stats]) {
      const shown = (await http.get(`/v1/credentials/${component.id}`)).body;
      expect(shown).toMatchObject({ status: 'stacked', stack: { qualificationId: qualification.id, pathwayId } });
    }
    const listed = (await http.get(`/v1/learners/${learner}/credentials`, auditorKey)).body.credentials;
    expect(listed.map((c: any) => [c.id, c.status])).toEqual([
      [sql.id, 'stacked'],
      [python.id, 'stacked'],
      [foreign.id, 'active'],
      [stats.id, 'stacked'],
      [qualification.id, 'active'],
    ]);

    const balance = (await http.get(`/v1/learners/${learner}/balance`, auditorKey)).body;
    expect(balance).toMatchObject({ issued: '14', available: '4', stacked: '10', revoked: '0', expired: '0', transferred: { total: '0' } });
    addsUp(balance);

    // The same components cannot count again: not for the same award, nor under another pathway.
    const again = await http.post(
      `/v1/pathways/${pathwayId}/awards`,
      { learnerId: learner, credentialIds: [sql.id, python.id, stats.id] },
      iitm.apiKey,
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'CREDIT.ALREADY_STACKED',
      field: 'credentialIds',
      message: `credential ${sql.id} is already stacked into qualification ${qualification.id}`,
    });
    const auto = await http.post(`/v1/pathways/${pathwayId}/awards`, { learnerId: learner }, iitm.apiKey);
    expect([auto.status, auto.body.code]).toEqual([409, 'PATHWAY.ALREADY_AWARDED']);
    const certificate = await http.post(
      '/v1/pathways',
      { ...diploma(), title: 'Certificate', minCredits: 5, minCredentials: 2, requiredSkills: [] },
      ignou.apiKey,
    );
    const elsewhere = await http.post(
      `/v1/pathways/${certificate.body.id}/awards`,
      { learnerId: learner, credentialIds: [sql.id, python.id] },
      ignou.apiKey,
    );
    expect([elsewhere.status, elsewhere.body.code]).toEqual([409, 'CREDIT.ALREADY_STACKED']);
    const transfer = await http.post(`/v1/learners/${learner}/transfers`, { credentialIds: [stats.id], programme: 'BSc' }, ignou.apiKey);
    expect([transfer.status, transfer.body.code]).toEqual([409, 'CREDIT.ALREADY_STACKED']);
    const moveQualification = await http.post(
      `/v1/learners/${learner}/transfers`,
      { credentialIds: [qualification.id], programme: 'BSc' },
      ignou.apiKey,
    );
    expect([moveQualification.status, moveQualification.body.code]).toEqual([409, 'CREDIT.IS_QUALIFICATION']);

    // A component revoked after the award is surfaced on the qualification, which stays awarded.
    expect((await http.post(`/v1/credentials/${python.id}/revoke`, { reason: 'exam irregularity' }, ignou.apiKey)).status).toBe(200);
    const after = (await http.get(`/v1/credentials/${qualification.id}`)).body;
    expect(after).toMatchObject({ status: 'active', componentRevoked: true, revokedComponents: [python.id] });
    const rebalanced = (await http.get(`/v1/learners/${learner}/balance`, auditorKey)).body;
    expect(rebalanced).toMatchObject({ issued: '14', available: '4', stacked: '7', revoked: '3' });
    addsUp(rebalanced);

    await api.close();
    api = await startTestApp(data.dir);
    expect((await api.http.get(`/v1/learners/${learner}/balance`, auditorKey)).body).toEqual(rebalanced);
  });

  it('racing awards under two pathways over the same components: exactly one succeeds', async () => {
    const { http } = api;
    const learner = 'APAAR-900900900900';
    const first = (await http.post('/v1/pathways', diploma(), iitm.apiKey)).body.id;
    const second = (await http.post('/v1/pathways', { ...diploma(), title: 'Rival diploma' }, ignou.apiKey)).body.id;
    const ids = [
      (await issueCredential(http, iitm.apiKey, learner, { skills: ['sql', 'python'], credits: 4, hours: 120 })).id,
      (await issueCredential(http, ignou.apiKey, learner, { skills: ['sql'], credits: 4, hours: 120 })).id,
      (await issueCredential(http, iitm.apiKey, learner, { skills: ['sql'], credits: 4, hours: 120 })).id,
    ];
    const account = await claimLearner(http, iitm.apiKey, learner);
    for (const issuer of [iitm, ignou]) await grantAccess(http, account, issuer.id, ['stack']);
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () =>
        http.post(`/v1/pathways/${first}/awards`, { learnerId: learner, credentialIds: ids }, iitm.apiKey),
      ),
      ...Array.from({ length: 4 }, () => http.post(`/v1/pathways/${second}/awards`, { learnerId: learner }, ignou.apiKey)),
    ]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const balance = (await http.get(`/v1/learners/${learner}/balance`, api.auditorKey)).body;
    expect(balance).toMatchObject({ issued: '12', stacked: '12', available: '0' });
  });

  it('pathways are versioned when their issuer redefines them; others may not; bad input names the field', async () => {
    const { http } = api;
    const created = (await http.post('/v1/pathways', diploma(), iitm.apiKey)).body;
    const redefined = await http.request('PUT', `/v1/pathways/${created.id}`, {
      key: iitm.apiKey,
      body: { ...diploma(), minCredits: 12, maxCredentialAgeDays: 1825 },
    });
    expect(redefined.status).toBe(200);
    expect(redefined.body).toMatchObject({
      id: created.id,
      version: 2,
      minCredits: '12',
      maxCredentialAgeDays: 1825,
      firstDefinedAt: created.definedAt,
    });
    expect(redefined.body.versions.map((v: any) => v.version)).toEqual([1, 2]);
    const unchanged = await http.request('PUT', `/v1/pathways/${created.id}`, {
      key: iitm.apiKey,
      body: { ...diploma(), minCredits: 12, maxCredentialAgeDays: 1825 },
    });
    expect(unchanged.body.version).toBe(2);

    const stranger = await http.request('PUT', `/v1/pathways/${created.id}`, { key: ignou.apiKey, body: diploma() });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'PATHWAY.NOT_OWNER']);

    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ ...diploma(), minLevel: 9 }, 400, 'LEVEL.INVALID', 'minLevel'],
      [{ ...diploma(), minCredits: '1.234' }, 400, 'CREDIT.TOO_PRECISE', 'minCredits'],
      [{ ...diploma(), acceptedIssuers: [] }, 400, 'VALIDATION.REQUIRED', 'acceptedIssuers'],
      [{ ...diploma(), acceptedIssuers: ['00000000-0000-4000-8000-000000000000'] }, 404, 'ISSUER.NOT_FOUND', 'acceptedIssuers'],
      [{ ...diploma(), colour: 'blue' }, 400, 'VALIDATION.UNKNOWN_FIELD', 'colour'],
    ];
    for (const [body, status, code, field] of cases) {
      const response = await http.post('/v1/pathways', body, iitm.apiKey);
      expect([response.status, response.body.code, response.body.field]).toEqual([status, code, field]);
    }
    const missing = await http.post('/v1/pathways/00000000-0000-4000-8000-000000000000/awards', { learnerId: 'L-1' }, iitm.apiKey);
    expect([missing.status, missing.body.code]).toEqual([404, 'PATHWAY.NOT_FOUND']);
    expect((await http.get('/v1/pathways/00000000-0000-4000-8000-000000000000', iitm.apiKey)).status).toBe(404);
    expect((await http.post('/v1/pathways', diploma(), api.adminKey)).status).toBe(403);
    expect((await http.get('/v1/learners/L-1/pathways')).status).toBe(401);
  });
});
