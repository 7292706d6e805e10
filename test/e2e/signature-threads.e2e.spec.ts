import { StackLedgerClient, type CredentialFields, type IssuerIdentity, type SignedBody } from '@stackledger/client';
import { generateKeyPair, type Ed25519KeyPair } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { credentialBody } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

/**
 * Signed issuance through the real app with the signatures checked on two worker threads
 * (SIGNATURE_THREADS=2) and on the API's own thread (0): the same requests get the same answers,
 * codes, fields and messages, with nothing stored on a refusal; a bulk request's credentials come
 * back in the order posted, and the first bad item in order is the one named.
 */
jest.setTimeout(180_000);

const backend = nodeCryptoBackend;
const fields = (i: number): CredentialFields => ({
  learnerId: `L-threads-${i}`,
  title: 'Concurrency in Practice',
  skills: ['threads'],
  credits: '3',
  hours: 90,
  level: 5,
  assessment: 'exam',
});

interface Setup {
  api: TestApp;
  apiKey: string;
  identity: IssuerIdentity;
  key: Ed25519KeyPair;
  client: StackLedgerClient;
}

async function setUp(threads: string): Promise<Setup & { remove(): void }> {
  const data = tempDataDir(`signature-threads-${threads}`);
  const api = await startTestApp(data.dir, { ANCHOR_INTERVAL_MS: '0', BODY_LIMIT: '4mb', SIGNATURE_THREADS: threads });
  const registered = await api.http.post(
    '/v1/issuers',
    { name: 'University of Threads', country: 'IN', accreditationCode: 'UGC-7', contactEmail: 't@x.example', domain: 'threads.example' },
    api.adminKey,
  );
  expect(registered.status).toBe(201);
  const { id, apiKey } = registered.body as { id: string; apiKey: string };
  const client = new StackLedgerClient({ baseUrl: api.http.baseUrl, apiKey, backend });
  const key = generateKeyPair(backend);
  await client.registerKey(id, key);
  return { api, apiKey, identity: await client.issuer(id), key, client, remove: data.remove };
}

const apps: Record<'threads' | 'inline', Setup & { remove(): void }> = {} as never;
beforeAll(async () => {
  apps.threads = await setUp('2');
  apps.inline = await setUp('0');
});
afterAll(async () => {
  for (const app of Object.values(apps)) {
    await app.api.close();
    app.remove();
  }
});

const sign = (s: Setup, i: number): SignedBody => s.client.signed(fields(i), s.identity, s.key);
const tampered = (body: SignedBody): SignedBody => ({ ...body, credential: { ...body.credential, credits: '30.00' } });
const headSeq = async (s: Setup) => (await s.api.http.get('/health')).body.store.headSeq as number;

/** The answer to a refused request, the same with threads and without; nothing stored. */
async function refusal(s: Setup, path: string, body: unknown) {
  const before = await headSeq(s);
  const response = await s.api.http.post(path, body, s.apiKey);
  expect(await headSeq(s)).toBe(before);
  return { status: response.status, ...(response.body as object) };
}

/** Each refused request, built from that app's issuer and key, with the code and field it gets. */
const refusedRequests: Array<[string, string, (s: Setup) => unknown, string, string]> = [
  ['a credential changed after signing', '/v1/credentials', (s) => tampered(sign(s, 1)), 'SIGNATURE.INVALID', 'credential.proof'],
  [
    'an Open Badges proof of another credential',
    '/v1/credentials',
    (s) => ({ ...sign(s, 2), openBadgeProof: sign(s, 3).openBadgeProof }),
    'SIGNATURE.INVALID',
    'openBadgeProof',
  ],
  [
    'an Open Badges proof that is not an object',
    '/v1/credentials',
    (s) => ({ ...sign(s, 4), openBadgeProof: 'z' }),
    'VALIDATION.TYPE',
    'openBadgeProof',
  ],
  [
    'a bulk request with a changed item before a misshapen one',
    '/v1/credentials:batch',
    (s) => ({ items: [...Array.from({ length: 40 }, (_, i) => (i === 17 ? tampered(sign(s, i)) : sign(s, i))), { credential: 7 }] }),
    'SIGNATURE.INVALID',
    'items[17].credential.proof',
  ],
  [
    'a bulk request with a misshapen item before a changed one',
    '/v1/credentials:batch',
    (s) => ({ items: [sign(s, 0), { credential: [] }, tampered(sign(s, 2))] }),
    'VALIDATION.TYPE',
    'items[1].credential',
  ],
  [
    'a bulk request mixing unsigned and signed items, a changed signed one before a bad unsigned one',
    '/v1/credentials:batch',
    (s) => ({ items: [credentialBody('L-mixed'), sign(s, 1), tampered(sign(s, 2)), { ...credentialBody('L-bad'), credits: 'x' }] }),
    'SIGNATURE.INVALID',
    'items[2].credential.proof',
  ],
];

describe('signature checks on worker threads (SIGNATURE_THREADS=2) and on the API thread (0)', () => {
  it.each(refusedRequests)('refuse %s with the same answer', async (_, path, body, code, field) => {
    const threads = await refusal(apps.threads, path, body(apps.threads));
    const inline = await refusal(apps.inline, path, body(apps.inline));
    expect(threads).toEqual(inline);
    expect(threads).toMatchObject({ status: 400, statusCode: 400, code, field });
  });

  it('name the first bad item in order, whatever thread checked it', async () => {
    const s = apps.threads;
    const items = Array.from({ length: 300 }, (_, i) => (i === 211 || i === 290 ? tampered(sign(s, i)) : sign(s, i)));
    expect(await refusal(s, '/v1/credentials:batch', { items })).toMatchObject({
      status: 400,
      code: 'SIGNATURE.INVALID',
      field: 'items[211].credential.proof',
      message: expect.stringMatching(/^items\[211\]: the credential's proof does not verify \(BAD_SIGNATURE\)/),
    });
  });

  it.each(['threads', 'inline'] as const)('issue a single credential and a bulk of 250 in the order posted (%s)', async (mode) => {
    const s = apps[mode];
    const single = sign(s, 1000);
    const one = await s.api.http.post('/v1/credentials', single, s.apiKey);
    expect(one.status).toBe(201);
    expect(one.body.id).toBe(single.credential.id);
    const items = Array.from({ length: 250 }, (_, i) => sign(s, 2000 + i));
    const bulk = await s.api.http.post('/v1/credentials:batch', { items }, s.apiKey);
    expect(bulk.status).toBe(201);
    expect((bulk.body.credentials as Array<{ id: string }>).map((c) => c.id)).toEqual(items.map((item) => item.credential.id));
  });
});
