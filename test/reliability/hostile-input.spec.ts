import fc from 'fast-check';
import {
  claimLearner,
  ClaimedLearner,
  credentialBody,
  issueCredential,
  registerIssuer,
  RegisteredIssuer,
} from '../e2e/support/ledger-fixtures';
import { tempDataDir, TestApp } from '../e2e/support/test-app';
import { startReliabilityApp } from './support/reliability-app';

/**
 * Property-based hostile input at every endpoint of the OpenAPI document (so new routes are
 * covered without touching this file): random and malformed JSON, huge bodies, wrong types,
 * unicode (lone surrogates included), bad credits, bad ids and headers. Never a 500; every 4xx is
 * the JSON error shape; a 4xx stores nothing (the store's head seq is unchanged); a body carrying a
 * lone surrogate is never accepted.
 */
const RUNS_PER_ENDPOINT = Number(process.env.HOSTILE_RUNS || 60);
const SEED = Number(process.env.HOSTILE_SEED || Date.now() % 1_000_000);

jest.setTimeout(120_000);

interface Endpoint {
  method: string;
  path: string;
}

interface Attempt {
  path: string;
  key?: string;
  headers: Record<string, string>;
  body?: string;
}

/** Text with one lone UTF-16 surrogate spliced in (fast-check's string units never make one). */
const loneSurrogateText = fc
  .tuple(
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  )
  .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`)
  .filter((text) => !text.isWellFormed());
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  loneSurrogateText,
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e-evil',
    'a\u200bb',
    '🎓'.repeat(50),
    '\ud800',
    'sql\udc00',
    '\udfff\ud800',
    '../../etc/passwd',
    '%00',
    "'; DROP TABLE events;--",
    '<script>x</script>',
    'x'.repeat(5_000),
  ),
);
const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-1, -0, 0.001, 4.505, 1e21, Number.MAX_SAFE_INTEGER + 2, 9.99999),
);
const hostileCredits = fc.constantFrom(
  '-1',
  '4.505',
  '1e3',
  '0x10',
  ' 4',
  '4.',
  '.5',
  '٤',
  '4,5',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '-0',
  '00.5',
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hostileNumber,
  hostileCredits,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(hostileText, { maxLength: 5 }),
);

/** The public key of the W3C eddsa-jcs-2022 test vector, as a did:key. */
const W3C_VECTOR_KEY = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';

/** Valid-looking bodies per route, mutated one field at a time: the input most likely to slip through. */
function templates(
  learnerId: string,
  ids: { issuer: string; credential: string; pathway: string },
): Record<string, Record<string, unknown>> {
  return {
    'POST /v1/issuers': { name: 'Hostile College', country: 'IN', accreditationCode: 'H-1', contactEmail: 'h@example.edu' },
    'POST /v1/credentials': credentialBody(learnerId),
    'POST /v1/credentials/{id}/revoke': { reason: 'fraud' },
    'POST /v1/learners/{learnerId}/transfers': { credentialIds: [ids.credential], programme: 'MSc' },
    'POST /v1/pathways': { title: 'P', minCredits: '3', minCredentials: 1, minLevel: 1, requiredSkills: [], acceptedIssuers: [ids.issuer] },
    'PUT /v1/pathways/{id}': {
      title: 'P2',
      minCredits: '3',
      minCredentials: 1,
      minLevel: 1,
      requiredSkills: [],
      acceptedIssuers: [ids.issuer],
    },
    'POST /v1/pathways/{id}/awards': { learnerId, credentialIds: [ids.credential] },
    'POST /v1/learners/claim': { code: `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}` },
    'POST /v1/learners/{learnerId}/grants': { institutionId: ids.issuer, scopes: ['read', 'transfer'], expiresAt: '2099-01-01T00:00:00Z' },
    'POST /v1/issuers/{id}/keys': {
      keyId: W3C_VECTOR_KEY,
      proofOfPossession: {
        type: 'StackLedgerKeyRegistration',
        issuerId: ids.issuer,
        keyId: W3C_VECTOR_KEY,
        created: '2026-01-01T00:00:00Z',
        proof: {},
      },
    },
    'POST /v1/issuers/{id}/keys/{keyId}/revoke': { reason: 'key file lost' },
  };
}

describe('hostile input at every OpenAPI endpoint', () => {
  const data = tempDataDir('hostile');
  let api: TestApp;
  let issuer: RegisteredIssuer;
  let learner: ClaimedLearner;
  let endpoints: Endpoint[];
  let ids: { issuer: string; credential: string; pathway: string };
  const learnerId = 'L-hostile';

  beforeAll(async () => {
    api = await startReliabilityApp(data.dir, { env: { BODY_LIMIT: '16kb' } });
    issuer = await registerIssuer(api.http, api.adminKey, 'Hostile Target University');
    const credential = await issueCredential(api.http, issuer.apiKey, learnerId);
    learner = await claimLearner(api.http, issuer.apiKey, learnerId);
    const pathway = await api.http.post(
      '/v1/pathways',
      templates(learnerId, { issuer: issuer.id, credential: credential.id, pathway: '' })['POST /v1/pathways'],
      issuer.apiKey,
    );
    ids = { issuer: issuer.id, credential: credential.id, pathway: pathway.body.id };
    const doc = (await api.http.get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('answers every hostile request with a JSON 4xx (or a 2xx for input that happens to be valid), never a 500, and stores nothing for a 4xx', async () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(20);
    const tally = { requests: 0, refused: 0, accepted: 0, loneSurrogateBodies: 0, byStatus: {} as Record<number, number> };
    for (const endpoint of endpoints) {
      await fc.assert(
        fc.asyncProperty(attemptFor(endpoint), async (attempt) => {
          const before = await headSeq();
          const response = await send(api.http.baseUrl, endpoint.method, attempt);
          tally.requests++;
          tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
          const label = `${endpoint.method} ${attempt.path.slice(0, 200)} -> ${response.status} ${response.text.slice(0, 300)}`;
          if (response.status >= 500 && !(response.status === 503 && response.json?.code === 'CHAIN.NOT_CONFIGURED'))
            throw new Error(`server error: ${label}`);
          // A route that reads its body may never accept a lone surrogate in it: no event could hold one.
          if (templates(learnerId, ids)[`${endpoint.method} ${endpoint.path}`] && holdsLoneSurrogate(attempt.body)) {
            tally.loneSurrogateBodies++;
            if (response.status < 400) throw new Error(`accepted a lone surrogate: ${label}`);
          }
          if (response.status < 400) {
            tally.accepted++;
            // The admin key replaced the target issuer's key: later endpoints use the new one.
            if (
              endpoint.path === '/v1/issuers/{id}/api-key' &&
              typeof response.json?.apiKey === 'string' &&
              attempt.path.includes(issuer.id)
            ) {
              issuer = { ...issuer, apiKey: response.json.apiKey };
            }
            if (endpoint.path === '/v1/learners/{learnerId}/api-key' && typeof response.json?.apiKey === 'string') {
              learner = { ...learner, apiKey: response.json.apiKey };
            }
            return;
          }
          tally.refused++;
          const body = response.json;
          if (
            !body ||
            body.statusCode !== response.status ||
            typeof body.error !== 'string' ||
            !/^[A-Z_]+\.[A-Z_0-9.]+$/.test(body.code) ||
            typeof body.message !== 'string'
          ) {
            throw new Error(`not the JSON error shape: ${label}`);
          }
          if ((await headSeq()) !== before) throw new Error(`a refused request stored an event: ${label}`);
        }),
        { numRuns: RUNS_PER_ENDPOINT, seed: SEED, endOnFailure: true },
      );
    }
    // Headers over Node's 16 KiB limit never reach the app: the HTTP parser answers 431 and closes.
    const oversized = await fetch(`${api.http.baseUrl}/v1/credentials`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k'.repeat(20_000) },
      body: '{}',
    });
    expect(oversized.status).toBe(431);
    process.stdout.write(`hostile-input figures: ${JSON.stringify({ seed: SEED, endpoints: endpoints.length, ...tally })}\n`);
  });

  async function headSeq(): Promise<number> {
    return (await api.http.get('/health')).body.store.headSeq;
  }

  function attemptFor(endpoint: Endpoint): fc.Arbitrary<Attempt> {
    const template = templates(learnerId, ids)[`${endpoint.method} ${endpoint.path}`];
    const keys = fc.constantFrom<string | undefined>(
      undefined,
      api.adminKey,
      issuer.apiKey,
      learner.apiKey,
      api.auditorKey,
      'sl_iss_forged',
      'sl_lrn_forged',
      'x'.repeat(4_000),
    );
    const segment = fc.oneof(
      fc.constantFrom(
        ids.credential,
        ids.issuer,
        ids.pathway,
        learnerId,
        '0',
        '-1',
        '1e9',
        '00000000-0000-0000-0000-000000000000',
        crypto.randomUUID(),
      ),
      hostileText.map((text) => percentEncoded(text) || '%20'),
      fc.constantFrom('%E0%A4%A', '%', '%zz', '..', '%2e%2e%2f', 'a%00b', 'x'.repeat(3_000)),
    );
    const body = endpoint.method === 'GET' ? fc.constant(undefined) : bodyFor(template);
    const hostileHeaders = fc.record(
      {
        'content-type': fc.constantFrom(
          'application/json',
          'text/plain',
          'application/json; charset=utf-16',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          '',
        ),
        'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
        'idempotency-key': fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), fc.constant('k'.repeat(6_000))),
        authorization: fc.constantFrom('Bearer', 'Bearer  ', 'Basic YWRtaW46YWRtaW4=', 'Bearer a b', 'bearer\ttab'),
      },
      { requiredKeys: [] },
    );
    // Mostly clean headers, so the hostile bodies reach the handlers and the domain's validation.
    const headers = fc.oneof(
      { arbitrary: fc.constant({ 'content-type': 'application/json' }), weight: 3 },
      { arbitrary: hostileHeaders, weight: 2 },
    );
    const query =
      endpoint.path.includes('anchors') || endpoint.path.includes('events')
        ? fc.constantFrom('', '?limit=-1', '?limit=abc', '?fromSeq=1e99', '?fromIndex=%zz', '?limit=1&limit=2', '?fromSeq[]=1')
        : fc.constant('');
    return fc
      .record({ segments: fc.array(segment, { minLength: 2, maxLength: 2 }), key: keys, headers, body, query })
      .map(({ segments, key, headers: h, body: b, query: q }) => {
        let i = 0;
        const path = endpoint.path.replace(/\{[^}]+\}/g, () => segments[i++ % 2]) + q;
        return { path, key, headers: h, body: b };
      });
  }
});

function bodyFor(template: Record<string, unknown> | undefined): fc.Arbitrary<string | undefined> {
  const raw = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.string({ unit: 'grapheme', maxLength: 200 }), // mostly not JSON at all
    fc.constantFrom(
      '{',
      '{"a":',
      '[1,2',
      'null',
      '"str"',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{}}}',
      `{"a":${'['.repeat(5_000)}`,
      JSON.stringify({ big: 'x'.repeat(40_000) }),
    ),
  );
  if (!template) return raw;
  const fields = Object.keys(template);
  const mutated = fc
    .record({ field: fc.constantFrom(...fields, 'unexpectedField'), value: hostileValue, drop: fc.boolean() })
    .map(({ field, value, drop }) => {
      const copy: Record<string, unknown> = { ...template };
      if (drop && field in copy) delete copy[field];
      else copy[field] = value;
      return JSON.stringify(copy);
    });
  // Otherwise-valid bodies with a lone surrogate in one text field: they reach the deepest code.
  const textFields = fields.filter((f) => typeof template[f] === 'string' || Array.isArray(template[f]));
  const illFormed = fc
    .record({ field: fc.constantFrom(...textFields), text: loneSurrogateText })
    .map(({ field, text }) =>
      JSON.stringify({ ...template, [field]: Array.isArray(template[field]) ? [...(template[field] as unknown[]), text] : text }),
    );
  return fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: raw, weight: 2 }, { arbitrary: illFormed, weight: 1 });
}

/**
 * `encodeURIComponent`, except that a lone surrogate (which it refuses) is sent as the three bytes
 * a careless UTF-8 encoder would write for it (`\ud800` -> `%ED%A0%80`): ill-formed UTF-8 on the wire.
 */
function percentEncoded(text: string): string {
  let out = '';
  for (const piece of text.match(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g) ?? []) {
    if (piece.isWellFormed()) out += encodeURIComponent(piece);
    else {
      const unit = piece.charCodeAt(0);
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }
  }
  return out;
}

/** Whether a JSON body holds a lone surrogate in any string or member name. */
function holdsLoneSurrogate(body: string | undefined): boolean {
  let value: unknown;
  try {
    value = body === undefined ? undefined : JSON.parse(body);
  } catch {
    return false;
  }
  const walk = (v: unknown): boolean =>
    typeof v === 'string'
      ? !v.isWellFormed()
      : v !== null && typeof v === 'object' && Object.entries(v).some(([k, member]) => !k.isWellFormed() || walk(member));
  return walk(value);
}

async function send(baseUrl: string, method: string, attempt: Attempt): Promise<{ status: number; text: string; json: any }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(attempt.headers)) if (value !== '') headers[name] = value;
  if (attempt.key) headers.authorization = `Bearer ${attempt.key}`;
  const response = await fetch(`${baseUrl}${attempt.path}`, { method, headers, body: attempt.body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}
