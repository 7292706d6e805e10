import { credentialBody, registerIssuer, RegisteredIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

describe('bad input is refused with a 4xx naming the field, and nothing is stored', () => {
  const data = tempDataDir('bad-input');
  let api: TestApp;
  let issuer: RegisteredIssuer;
  const learner = 'L-1';

  beforeAll(async () => {
    api = await startTestApp(data.dir, { BODY_LIMIT: '16kb' });
    issuer = await registerIssuer(api.http, api.adminKey, 'Bad Input University');
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  const headSeq = async () => (await api.http.get('/health')).body.store.headSeq as number;

  const cases: [string, Record<string, unknown>, string, string][] = [
    ['credits with 3 fraction digits', { credits: '4.505' }, 'credits', 'CREDIT.TOO_PRECISE'],
    ['negative credits', { credits: -1 }, 'credits', 'CREDIT.NEGATIVE'],
    ['credits as a boolean', { credits: true }, 'credits', 'VALIDATION.TYPE'],
    ['credits that disagree with hours', { credits: '10', hours: 30 }, 'credits', 'CREDENTIAL.CREDITS_HOURS_MISMATCH'],
    ['level off the half-step grid', { level: 4.3 }, 'level', 'LEVEL.INVALID'],
    ['level above 8', { level: 9 }, 'level', 'LEVEL.INVALID'],
    ['missing title', { title: undefined }, 'title', 'VALIDATION.REQUIRED'],
    ['skills not an array', { skills: 'sql' }, 'skills', 'VALIDATION.TYPE'],
    ['an unknown field', { colour: 'blue' }, 'colour', 'VALIDATION.UNKNOWN_FIELD'],
    ['validUntil before issue', { validUntil: '2001-01-01T00:00:00.000Z' }, 'validUntil', 'CREDENTIAL.VALIDITY_NOT_AFTER_ISSUE'],
    ['a learnerId with spaces', { learnerId: 'a b' }, 'learnerId', 'VALIDATION.FORMAT'],
  ];

  it.each(cases)('%s', async (_label, overrides, field, code) => {
    const before = await headSeq();
    const response = await api.http.post('/v1/credentials', credentialBody(learner, overrides), issuer.apiKey);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code, field });
    expect(typeof response.body.message).toBe('string');
    expect(await headSeq()).toBe(before);
  });

  it('malformed JSON gets a 400 JSON error', async () => {
    const response = await api.http.request('POST', '/v1/credentials', { key: issuer.apiKey, raw: '{"learnerId": ' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.MALFORMED_JSON', field: 'body' });
  });

  it('a body over the size limit gets a 413 JSON error', async () => {
    const before = await headSeq();
    const response = await api.http.post('/v1/credentials', credentialBody(learner, { description: 'x'.repeat(20_000) }), issuer.apiKey);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'REQUEST.TOO_LARGE' });
    expect(await headSeq()).toBe(before);
  });

  it('a transfer of zero credentials is refused', async () => {
    const response = await api.http.post(`/v1/learners/${learner}/transfers`, { credentialIds: [], programme: 'MSc' }, issuer.apiKey);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'TRANSFER.EMPTY', field: 'credentialIds' });
  });

  it('a malformed credential id in the path names the field', async () => {
    const response = await api.http.get('/v1/credentials/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION.FORMAT', field: 'id' });
  });

  it('an unknown route is a JSON 404', async () => {
    const response = await api.http.get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'ROUTE.NOT_FOUND' });
  });
});
