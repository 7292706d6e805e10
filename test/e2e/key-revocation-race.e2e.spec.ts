import { join } from 'node:path';
import { StackLedgerClient, type CredentialFields } from '@stackledger/client';
import { generateKeyPair, type Ed25519KeyPair } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { issuerStream } from '@stackledger/domain';
import { EventStore, SqliteEventStore } from '@stackledger/event-store';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { Http } from './support/http';
import { tempDataDir } from './support/test-app';

/**
 * A key revoked while a credential signed with it is being issued, through the real app and SQLite
 * file. The store is the real one, except that the next read of the issuer's stream can be held:
 * the issuance reads the key as live, the revocation is stored, then the issuance goes on to its
 * append. It must not store the credential after the revocation: the issuer's stream is a condition
 * of the append, so the write starts over, reads the key as revoked and is refused.
 */
jest.setTimeout(60_000);

const ADMIN = 'test-admin-key-of-at-least-32-characters';
const data = tempDataDir('key-revocation-race');
const store = SqliteEventStore.open(join(data.dir, 'ledger.sqlite'));
let http: Http;
let close: () => Promise<void>;

/** Holds the next read of `stream` after it read, until released; the rest of the store as it is. */
const hold = { stream: '', parked: () => undefined as void, release: Promise.resolve() };
const holding: EventStore = new Proxy(store, {
  get(target, property) {
    if (property === 'readStream')
      return async (stream: string) => {
        const history = await target.readStream(stream);
        if (stream !== hold.stream) return history;
        hold.stream = '';
        hold.parked();
        await hold.release;
        return history;
      };
    const value: unknown = Reflect.get(target, property, target);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  },
});

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: data.dir, PORT: '0', AUDITOR_API_KEY: 'test-auditor-key-of-at-least-32-characters' });
  const app = await createApp({ config, adminKey: ADMIN, anchorChain: null, eventStore: holding, logLevels: ['error'] });
  await app.listen(0, '127.0.0.1');
  http = new Http(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
  close = () => app.close();
});
afterAll(async () => {
  await close?.();
  await store.close();
  data.remove();
});

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
    ADMIN,
  );
  expect(registered.status).toBe(201);
  const issuer = registered.body as { id: string; apiKey: string };
  const key: Ed25519KeyPair = generateKeyPair(nodeCryptoBackend);
  const client = new StackLedgerClient({ baseUrl: http.baseUrl, apiKey: issuer.apiKey, backend: nodeCryptoBackend });
  const { keyId } = await client.registerKey(issuer.id, key);
  const identity = await client.issuer(issuer.id);
  return { ...issuer, keyId, sign: (learnerId: string) => client.signed(fields(learnerId), identity, key) };
}

/** Holds the next read of `stream`: resolves `parked` once it has read, and goes on after `release`. */
function holdNextRead(stream: string): { parked: Promise<void>; release(): void } {
  let release!: () => void;
  const parked = new Promise<void>((resolve) => (hold.parked = resolve));
  hold.release = new Promise<void>((resolve) => (release = resolve));
  hold.stream = stream;
  return { parked, release };
}

/** Sends `request` with the next read of the issuer's stream held, revokes the key meanwhile, then lets it go on. */
async function revokeWhileHeld(issuer: Awaited<ReturnType<typeof keyedIssuer>>, request: () => Promise<{ status: number; body: any }>) {
  const held = holdNextRead(issuerStream(issuer.id));
  const answer = request();
  await held.parked; // the issuance has read the key as live
  const revoked = await http.post(`/v1/issuers/${issuer.id}/keys/${issuer.keyId}/revoke`, { reason: 'key file leaked' }, ADMIN);
  expect(revoked.body).toMatchObject({ status: 'revoked' });
  const head = await store.headSeq();
  held.release();
  return { answer: await answer, head };
}

it('a single signed issuance that read the key before its revocation is refused after it: KEY.REVOKED, nothing stored', async () => {
  const issuer = await keyedIssuer('Racing University');
  const { answer, head } = await revokeWhileHeld(issuer, () => http.post('/v1/credentials', issuer.sign('L-race-1'), issuer.apiKey));
  expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 409, code: 'KEY.REVOKED' });
  expect(await store.headSeq()).toBe(head);
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
  expect(await store.headSeq()).toBe(head);
});

it('with nothing revoked meanwhile, the held issuance is stored as usual', async () => {
  const issuer = await keyedIssuer('Patient University');
  const held = holdNextRead(issuerStream(issuer.id));
  const answer = http.post('/v1/credentials', issuer.sign('L-race-4'), issuer.apiKey);
  await held.parked;
  held.release();
  expect((await answer).status).toBe(201);
});
