import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  claimLearner,
  credentialBody,
  grantAccess,
  issueCredential,
  registerIssuer,
  RegisteredIssuer,
} from '../e2e/support/ledger-fixtures';
import { tempDataDir, TestApp } from '../e2e/support/test-app';
import { startReliabilityApp } from './support/reliability-app';

/**
 * Every endpoint of the OpenAPI document tried by every kind of caller: no key, a wrong key,
 * another issuer (no grant from the learner), a suspended issuer, the learner itself, another
 * learner, the auditor and the authority. Routes with `security` in the document must refuse the
 * first two with 401; the table fixes every answer (acting on issuer A's resources and on
 * learner L-access, who granted nothing to `other`).
 */
type Caller = 'none' | 'wrong' | 'other' | 'suspended' | 'learner' | 'otherLearner' | 'auditor' | 'admin';
type Want = number | 'same-as-anonymous';
type Expected = Record<Caller, Want>;

const row = (other: Want, suspended: Want, learner: Want, otherLearner: Want, auditor: Want, admin: Want): Expected => ({
  none: 401,
  wrong: 401,
  other,
  suspended,
  learner,
  otherLearner,
  auditor,
  admin,
});
const PUBLIC = Object.fromEntries(
  ['none', 'wrong', 'other', 'suspended', 'learner', 'otherLearner', 'auditor', 'admin'].map((c) => [c, 'same-as-anonymous']),
) as Expected;
/** Learners' data: the learner, the auditor and the authority; an issuer only under a read grant. */
const LEARNER_READ = row(403, 403, 200, 403, 200, 200);
/** The learner's own acts. */
const LEARNER_ACT = (ok: number) => row(403, 403, ok, 403, 403, 403);
/** Writes an issuer makes as itself: allowed to `other`, never to a suspended issuer, a learner, the auditor or the authority. */
const OWN_WRITE = row(201, 403, 403, 403, 403, 403);

/** A well-formed did:key (the W3C eddsa-jcs-2022 vector's) that no issuer here registered. */
const UNREGISTERED_KEY = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';

const TABLE: Record<string, Expected> = {
  'POST /v1/issuers': row(403, 403, 403, 403, 403, 201),
  'POST /v1/issuers/{id}/suspend': row(403, 403, 403, 403, 403, 200),
  'POST /v1/issuers/{id}/reinstate': row(403, 403, 403, 403, 403, 200),
  'POST /v1/issuers/{id}/api-key': row(403, 403, 403, 403, 403, 200),
  'GET /v1/issuers/{id}': PUBLIC,
  'POST /v1/credentials': OWN_WRITE,
  'POST /v1/credentials:batch': OWN_WRITE,
  'GET /v1/credentials/{id}': PUBLIC,
  'GET /v1/credentials/{id}/openbadge': PUBLIC,
  'POST /v1/credentials/{id}/revoke': row(403, 403, 403, 403, 403, 200),
  'GET /v1/credentials/{id}/proof': PUBLIC,
  // `other` holds no transfer grant from the learner: ACCESS.NO_GRANT.
  'POST /v1/learners/{learnerId}/transfers': row(403, 403, 403, 403, 403, 403),
  'GET /v1/learners/{learnerId}/balance': LEARNER_READ,
  // Without a grant an issuer still lists what it issued or received (here nothing).
  'GET /v1/learners/{learnerId}/credentials': row(200, 403, 200, 403, 200, 200),
  'GET /v1/learners/{learnerId}/pathways': LEARNER_READ,
  // `other` issued to the learner above (POST /v1/credentials), so it may ask, but the account is claimed: 409.
  'POST /v1/learners/{learnerId}/claim-codes': row(409, 403, 403, 403, 403, 403),
  'POST /v1/learners/claim': PUBLIC,
  'POST /v1/learners/{learnerId}/grants': LEARNER_ACT(201),
  'GET /v1/learners/{learnerId}/grants': row(403, 403, 200, 403, 200, 200),
  'DELETE /v1/learners/{learnerId}/grants/{grantId}': LEARNER_ACT(200),
  'POST /v1/learners/{learnerId}/api-key': LEARNER_ACT(200),
  'GET /v1/learners/{learnerId}/access-log': row(403, 403, 200, 403, 200, 200),
  'POST /v1/pathways': OWN_WRITE,
  'PUT /v1/pathways/{id}': row(403, 403, 403, 403, 403, 403),
  'GET /v1/pathways/{id}': row(200, 403, 403, 403, 200, 200),
  'POST /v1/pathways/{id}/awards': row(403, 403, 403, 403, 403, 403),
  'POST /v1/anchors': row(403, 403, 403, 403, 403, 503),
  'GET /v1/anchors': PUBLIC,
  'GET /v1/anchors/{index}': PUBLIC,
  'GET /v1/chain': PUBLIC,
  'GET /v1/events': row(403, 403, 403, 403, 200, 200),
  'GET /health': PUBLIC,
  // Signing keys: only the issuer itself registers and retires its keys; revoking is also the
  // authority's (here of a key A never registered, so the authority passes the guard and meets the domain's refusal).
  'POST /v1/issuers/{id}/keys': row(403, 403, 403, 403, 403, 403),
  'POST /v1/issuers/{id}/keys/{keyId}/retire': row(403, 403, 403, 403, 403, 403),
  'POST /v1/issuers/{id}/keys/{keyId}/revoke': row(403, 403, 403, 403, 403, 400),
};

describe('access control at every endpoint', () => {
  const data = tempDataDir('access-table');
  let api: TestApp;
  let a: RegisteredIssuer;
  let other: RegisteredIssuer;
  let suspended: RegisteredIssuer;
  let spare: RegisteredIssuer;
  let keys: Record<Caller, string | undefined>;
  let fixtures: { credential: string; revocable: string; transferable: string[]; pathway: string; learnerId: string; grants: string[] };

  beforeAll(async () => {
    api = await startReliabilityApp(data.dir);
    a = await registerIssuer(api.http, api.adminKey, 'Owner University');
    other = await registerIssuer(api.http, api.adminKey, 'Other University');
    suspended = await registerIssuer(api.http, api.adminKey, 'Suspended University');
    spare = await registerIssuer(api.http, api.adminKey, 'Spare University');
    const learnerId = 'L-access';
    const credential = (await issueCredential(api.http, a.apiKey, learnerId)).id;
    const revocable = (await issueCredential(api.http, a.apiKey, learnerId)).id;
    const transferable = [
      (await issueCredential(api.http, a.apiKey, learnerId)).id,
      (await issueCredential(api.http, a.apiKey, learnerId)).id,
    ];
    await issueCredential(api.http, a.apiKey, 'L-access-2');
    const learner = await claimLearner(api.http, a.apiKey, learnerId);
    const otherLearner = await claimLearner(api.http, a.apiKey, 'L-access-2');
    const grants = [(await grantAccess(api.http, learner, spare.id, ['read'])).grantId];
    const pathway = await api.http.post('/v1/pathways', pathwayBody(a.id), a.apiKey);
    fixtures = { credential, revocable, transferable, pathway: pathway.body.id, learnerId, grants };
    keys = {
      none: undefined,
      wrong: 'sl_iss_wrong-key',
      other: other.apiKey,
      suspended: suspended.apiKey,
      learner: learner.apiKey,
      otherLearner: otherLearner.apiKey,
      auditor: api.auditorKey,
      admin: api.adminKey,
    };
    expect((await api.http.post(`/v1/issuers/${suspended.id}/suspend`, { reason: 'audit' }, api.adminKey)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('gives each caller the expected status at each endpoint, with the JSON error shape', async () => {
    const doc = (await api.http.get('/docs/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const mismatches: string[] = [];
    const untabled: string[] = [];
    let requests = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const route = `${method.toUpperCase()} ${path}`;
        const secured = (op.security?.length ?? 0) > 0;
        const expected: Partial<Expected> =
          TABLE[route] ?? (secured ? { none: 401, wrong: 401 } : { none: 'same-as-anonymous', wrong: 'same-as-anonymous' });
        if (!TABLE[route]) untabled.push(route);
        const anonymous = await call(route, undefined, 0);
        requests++;
        for (const [caller, want] of Object.entries(expected) as [Caller, Want][]) {
          const response = await call(route, keys[caller], requests);
          requests++;
          if (route === 'POST /v1/learners/{learnerId}/api-key' && response.status === 200) keys[caller] = response.body.apiKey;
          const status = want === 'same-as-anonymous' ? anonymous.status : want;
          if (response.status !== status)
            mismatches.push(`${route} as ${caller}: ${response.status} (want ${status}) ${response.text.slice(0, 160)}`);
          if (
            response.status >= 400 &&
            !(
              response.body?.statusCode === response.status &&
              typeof response.body.code === 'string' &&
              typeof response.body.message === 'string'
            )
          ) {
            mismatches.push(`${route} as ${caller}: not the JSON error shape: ${response.text.slice(0, 160)}`);
          }
        }
      }
    }
    process.stdout.write(`access-control figures: ${JSON.stringify({ requests, routes: Object.keys(TABLE).length, untabled })}\n`);
    expect(mismatches).toEqual([]);
    // A new route must say who may call it: the generic no-key / wrong-key check is not enough.
    expect(untabled).toEqual([]);
  });

  it('issuer and learner keys are stored only as their SHA-256: the plaintext appears in no byte of any data file', () => {
    const hash = createHash('sha256').update(a.apiKey).digest('hex');
    const files = readdirSync(data.dir).filter((f) => f.includes('.sqlite'));
    const all = Buffer.concat(files.map((f) => readFileSync(join(data.dir, f))));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const key of [a.apiKey, other.apiKey, suspended.apiKey, keys.learner!, keys.otherLearner!]) {
      expect(all.includes(Buffer.from(key, 'utf8'))).toBe(false);
    }
    expect(all.includes(Buffer.from(hash, 'utf8'))).toBe(true); // the search is meaningful: the hash is there
  });

  /** A request to `route` with ids of A's resources and a body that would succeed for the right caller. */
  function call(route: string, key: string | undefined, n: number) {
    const [method, template] = route.split(' ');
    const issuerId = route.includes('/suspend') || route.includes('/reinstate') ? spare.id : a.id;
    const credentialId = route.endsWith('/revoke') ? fixtures.revocable : fixtures.credential;
    const path = template
      .replace('{learnerId}', fixtures.learnerId)
      .replace('{index}', '0')
      .replace('{grantId}', fixtures.grants[0])
      .replace('{keyId}', UNREGISTERED_KEY)
      .replace('{id}', route.includes('/issuers/') ? issuerId : route.includes('/pathways/') ? fixtures.pathway : credentialId);
    const bodies: Record<string, unknown> = {
      'POST /v1/issuers': { name: `New College ${n}`, country: 'IN', accreditationCode: `N-${n}`, contactEmail: 'n@example.edu' },
      'POST /v1/issuers/{id}/suspend': { reason: 'test' },
      'POST /v1/issuers/{id}/reinstate': {},
      'POST /v1/credentials': credentialBody(fixtures.learnerId, { title: `Access ${n}` }),
      'POST /v1/credentials:batch': { items: [credentialBody(`L-batch-${n}`, { title: `Access ${n}` })] },
      'POST /v1/credentials/{id}/revoke': { reason: 'not yours' },
      'POST /v1/learners/{learnerId}/transfers': {
        credentialIds: [fixtures.transferable.shift() ?? fixtures.credential],
        programme: 'MSc',
      },
      'POST /v1/learners/claim': { code: `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}` },
      'POST /v1/learners/{learnerId}/grants': { institutionId: other.id, scopes: ['read'], expiresAt: '2099-01-01T00:00:00Z' },
      'POST /v1/pathways': pathwayBody(a.id),
      'PUT /v1/pathways/{id}': { ...pathwayBody(a.id), title: `Renamed ${n}` },
      'POST /v1/pathways/{id}/awards': { learnerId: fixtures.learnerId },
      'POST /v1/anchors': {},
      'POST /v1/issuers/{id}/keys/{keyId}/revoke': { reason: 'key file lost' },
    };
    const body = method === 'GET' || method === 'DELETE' ? undefined : (bodies[route] ?? {});
    return api.http.request(method, path, { key, body });
  }
});

describe('a suspended issuer', () => {
  const data = tempDataDir('suspended-issuer');
  let api: TestApp;
  let s: RegisteredIssuer;
  let own: { credential: string; other: string; pathway: string };
  const learnerId = 'L-suspended';

  beforeAll(async () => {
    api = await startReliabilityApp(data.dir);
    s = await registerIssuer(api.http, api.adminKey, 'Suspended Academy');
    const credential = (await issueCredential(api.http, s.apiKey, learnerId)).id;
    const other = (await issueCredential(api.http, s.apiKey, learnerId)).id;
    const pathway = (await api.http.post('/v1/pathways', pathwayBody(s.id), s.apiKey)).body.id;
    own = { credential, other, pathway };
    expect((await api.http.post(`/v1/issuers/${s.id}/suspend`, { reason: 'fraud inquiry' }, api.adminKey)).status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  const headSeq = async () => (await api.http.get('/health')).body.store.headSeq as number;

  it('gets 403 ISSUER.SUSPENDED on every write and every read of learner data, even on its own credentials, and nothing is stored', async () => {
    const attempts: [method: string, path: string, body?: unknown][] = [
      ['POST', `/v1/credentials/${own.credential}/revoke`, { reason: 'covering tracks' }],
      ['POST', '/v1/credentials', credentialBody(learnerId)],
      ['POST', '/v1/credentials:batch', { items: [credentialBody(learnerId)] }],
      ['POST', `/v1/learners/${learnerId}/transfers`, { credentialIds: [own.other], programme: 'MSc' }],
      ['GET', `/v1/learners/${learnerId}/balance`],
      ['GET', `/v1/learners/${learnerId}/credentials`],
      ['GET', `/v1/learners/${learnerId}/pathways`],
      ['POST', '/v1/pathways', pathwayBody(s.id)],
      ['GET', `/v1/pathways/${own.pathway}`],
      ['PUT', `/v1/pathways/${own.pathway}`, { ...pathwayBody(s.id), title: 'Renamed' }],
      ['POST', `/v1/pathways/${own.pathway}/awards`, { learnerId }],
      ['POST', `/v1/issuers/${s.id}/api-key`],
      ['POST', `/v1/learners/${learnerId}/claim-codes`],
      ['POST', `/v1/issuers/${s.id}/keys`, { keyId: 'did:key:z6Mk', proofOfPossession: {} }],
      ['POST', `/v1/issuers/${s.id}/keys/did:key:z6Mk/retire`],
      ['POST', `/v1/issuers/${s.id}/keys/did:key:z6Mk/revoke`, { reason: 'covering tracks' }],
    ];
    const before = await headSeq();
    const answers = [];
    for (const [method, path, body] of attempts) {
      const response = await api.http.request(method, path, { key: s.apiKey, body: body ?? (method === 'GET' ? undefined : {}) });
      answers.push(`${method} ${path} -> ${response.status} ${response.body?.code}`);
    }
    expect(answers).toEqual(attempts.map(([method, path]) => `${method} ${path} -> 403 ISSUER.SUSPENDED`));
    expect(await headSeq()).toBe(before);
    expect((await api.http.get(`/v1/credentials/${own.credential}`)).body.status).toBe('active');
  });

  it('still sees the public record: its profile and a credential by id', async () => {
    expect((await api.http.get(`/v1/issuers/${s.id}`, s.apiKey)).body.status).toBe('suspended');
    expect((await api.http.get(`/v1/credentials/${own.other}`, s.apiKey)).status).toBe(200);
  });

  it('has its credentials revoked by the authority only, and acts again once reinstated', async () => {
    const revoked = await api.http.post(`/v1/credentials/${own.credential}/revoke`, { reason: 'revoked by the authority' }, api.adminKey);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocation: { reason: 'revoked by the authority' } });
    expect((await api.http.post(`/v1/issuers/${s.id}/reinstate`, {}, api.adminKey)).status).toBe(200);
    // Reinstated, it lists again what it issued (it holds no read grant for the learner's balance).
    expect((await api.http.get(`/v1/learners/${learnerId}/credentials`, s.apiKey)).body.credentials).toHaveLength(2);
    expect((await api.http.post(`/v1/credentials/${own.other}/revoke`, { reason: 'issued in error' }, s.apiKey)).status).toBe(200);
    expect((await api.http.get(`/v1/learners/${learnerId}/balance`, api.auditorKey)).body.revoked).toBe('9');
  });
});

function pathwayBody(issuerId: string) {
  return { title: 'Access Diploma', minCredits: '3', minCredentials: 1, minLevel: 1, requiredSkills: [], acceptedIssuers: [issuerId] };
}
