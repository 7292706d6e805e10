import { StackLedgerClient, type CredentialFields } from '@stackledger/client';
import { generateKeyPair, type Ed25519KeyPair } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { issuerStream } from '@stackledger/domain';
import { startHeldReadsApp, type HeldReadsApp } from './support/held-reads';
import { Http } from './support/http';

/**
 * A key revoked while a credential signed with it is being issued, through the real app and SQLite
 * file. The store is the real one, except that the next read of the issuer's stream can be held:
 * the issuance reads the key as live, the revocation is stored, then the issuance goes on to its
 * append. It must not store the credential after the revocation: the issuer's stream is a condition
 * of the append, so the write starts over, reads the key as revoked and is refused.
 */
jest.setTimeout(60_000);

let api: HeldReadsApp;
let http: Http;
beforeAll(async () => {
  api = await startHeldReadsApp('key-revocation-race');
  http = api.http;
});
afterAll(() => api?.close());

const headSeq = () => api.store.headSeq();

const fields = (learnerId: string): CredentialFields => ({
  learnerId,
  title: 'Concurrent Systems',
  skills: ['locks'],
  credits: '2',
  hours: 60,
  level: 5,
  assessment: 'exam',
});

async function keyedIssuer(name: string) {
  const registered = await http.post(
    '/v1/issuers',
    { name, country: 'IN', accreditationCode: 'UGC-7', contactEmail: 'r@race.example', domain: 'race.example' },
    api.adminKey,
  );
  expect(registered.status).toBe(201);
  const issuer = registered.body as { id: string; apiKey: string };
  const key: Ed25519KeyPair = generateKeyPair(nodeCryptoBackend);
  const client = new StackLedgerClient({ baseUrl: http.baseUrl, apiKey: issuer.apiKey, backend: nodeCryptoBackend });
  const { keyId } = await client.registerKey(issuer.id, key);
  const identity = await client.issuer(issuer.id);
  return { ...issuer, keyId, sign: (learnerId: string) => client.signed(fields(learnerId), identity, key) };
}

/** Sends `request` with the next read of the issuer's stream held, revokes the key meanwhile, then lets it go on. */
async function revokeWhileHeld(issuer: Awaited<ReturnType<typeof keyedIssuer>>, request: () => Promise<{ status: number; body: any }>) {
  const held = api.holdNextRead(issuerStream(issuer.id));
  const answer = request();
  await held.parked; // the issuance has read the key as live
  const revoked = await http.post(`/v1/issuers/${issuer.id}/keys/${issuer.keyId}/revoke`, { reason: 'key file leaked' }, api.adminKey);
  expect(revoked.body).toMatchObject({ status: 'revoked' });
  const head = await headSeq();
  held.release();
  return { answer: await answer, head };
}

it('a single signed issuance that read the key before its revocation is refused after it: KEY.REVOKED, nothing stored', async () => {
  const issuer = await keyedIssuer('Racing University');
  const { answer, head } = await revokeWhileHeld(issuer, () => http.post('/v1/credentials', issuer.sign('L-race-1'), issuer.apiKey));
  expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 409, code: 'KEY.REVOKED' });
  expect(await headSeq()).toBe(head);
});

it('a signed batch in the same race is refused whole, naming its first item', async () => {
  const issuer = await keyedIssuer('Racing Polytechnic');
  const items = ['L-race-2', 'L-race-3', 'L-race-2'].map(issuer.sign);
  const { answer, head } = await revokeWhileHeld(issuer, () => http.post('/v1/credentials:batch', { items }, issuer.apiKey));
  expect({ status: answer.status, code: answer.body.code, field: answer.body.field }).toEqual({
    status: 409,
    code: 'KEY.REVOKED',
    field: expect.stringMatching(/^items\[0\]/),
  });
  expect(await headSeq()).toBe(head);
});

it('with nothing revoked meanwhile, the held issuance is stored as usual', async () => {
  const issuer = await keyedIssuer('Patient University');
  const held = api.holdNextRead(issuerStream(issuer.id));
  const answer = http.post('/v1/credentials', issuer.sign('L-race-4'), issuer.apiKey);
  await held.parked;
  held.release();
  expect((await answer).status).toBe(201);
});
