import { issuerStream } from '@stackledger/domain';
import { startHeldReadsApp, type HeldReadsApp } from './support/held-reads';
import { claimLearner, grantAccess, issueCredential, registerIssuer, type RegisteredIssuer } from './support/ledger-fixtures';

/**
 * An issuer suspended while one of its writes is in flight, through the real app and SQLite file:
 * the write has passed the API-key check and read the issuer's stream as active, the authority's
 * suspension is stored, then the write goes on to its append. Nothing an issuer may no longer do
 * may land after its suspension in the log, so every write decided by an issuer's status holds
 * its append to the issuer's stream as read: it starts over, reads `suspended` and is refused.
 */
jest.setTimeout(60_000);

let api: HeldReadsApp;
beforeAll(async () => {
  api = await startHeldReadsApp('suspension-race');
});
afterAll(() => api?.close());

type Answer = { status: number; body: any };

/** Sends `request` with the next read of `issuer`'s stream held, suspends it meanwhile, then lets it go on. */
async function suspendWhileHeld(issuer: RegisteredIssuer, request: () => Promise<Answer>): Promise<{ answer: Answer; head: number }> {
  const held = api.holdNextRead(issuerStream(issuer.id));
  const answer = request();
  await held.parked; // the write has read the issuer as active
  const suspended = await api.http.post(`/v1/issuers/${issuer.id}/suspend`, { reason: 'accreditation withdrawn' }, api.adminKey);
  expect(suspended.status).toBe(200);
  const head = await api.store.headSeq();
  held.release();
  return { answer: await answer, head };
}

async function expectRefusedAfterSuspension(issuer: RegisteredIssuer, request: () => Promise<Answer>, field: string): Promise<void> {
  const { answer, head } = await suspendWhileHeld(issuer, request);
  expect({ status: answer.status, code: answer.body.code, field: answer.body.field }).toEqual({
    status: 403,
    code: 'ISSUER.SUSPENDED',
    field,
  });
  expect(await api.store.headSeq()).toBe(head);
}

let serial = 0;
const register = (name: string) => registerIssuer(api.http, api.adminKey, `${name} ${++serial}`);
const learner = () => `APAAR-7000000${String(++serial).padStart(5, '0')}`;

it('revoking a credential: refused, the credential stays active', async () => {
  const issuer = await register('Revoking University');
  const credential = await issueCredential(api.http, issuer.apiKey, learner());
  const revoke = () => api.http.post(`/v1/credentials/${credential.id}/revoke`, { reason: 'clerical error' }, issuer.apiKey);
  await expectRefusedAfterSuspension(issuer, revoke, 'actor');
  expect((await api.http.get(`/v1/credentials/${credential.id}`)).body.status).toBe('active');
});

it('receiving a transfer: refused', async () => {
  const [sending, receiving] = [await register('Sending College'), await register('Receiving University')];
  const learnerId = learner();
  const credential = await issueCredential(api.http, sending.apiKey, learnerId);
  await grantAccess(api.http, await claimLearner(api.http, sending.apiKey, learnerId), receiving.id, ['transfer']);
  const transfer = () =>
    api.http.post(`/v1/learners/${learnerId}/transfers`, { credentialIds: [credential.id], programme: 'BSc' }, receiving.apiKey);
  await expectRefusedAfterSuspension(receiving, transfer, 'toIssuerId');
});

it('defining a pathway and awarding a qualification: refused', async () => {
  const [definer, accepted] = [await register('Pathway University'), await register('Accepted College')];
  const pathway = {
    title: 'Certificate',
    minCredits: '1',
    minCredentials: 1,
    minLevel: 1,
    requiredSkills: [],
    acceptedIssuers: [accepted.id],
  };
  await expectRefusedAfterSuspension(definer, () => api.http.post('/v1/pathways', pathway, definer.apiKey), 'issuerId');

  const awarder = await register('Awarding University');
  const defined = await api.http.post('/v1/pathways', { ...pathway, acceptedIssuers: [awarder.id] }, awarder.apiKey);
  expect(defined.status).toBe(201);
  const learnerId = learner();
  await issueCredential(api.http, awarder.apiKey, learnerId);
  await grantAccess(api.http, await claimLearner(api.http, awarder.apiKey, learnerId), awarder.id, ['stack']);
  const award = () => api.http.post(`/v1/pathways/${defined.body.id}/awards`, { learnerId }, awarder.apiKey);
  await expectRefusedAfterSuspension(awarder, award, 'issuerId');
});

it('a claim code, and a learner granting access to an institution suspended meanwhile: refused', async () => {
  const issuer = await register('Claiming University');
  const learnerId = learner();
  await issueCredential(api.http, issuer.apiKey, learnerId);
  await expectRefusedAfterSuspension(issuer, () => api.http.post(`/v1/learners/${learnerId}/claim-codes`, {}, issuer.apiKey), 'issuerId');

  const home = await register('Home University');
  const institution = await register('Granted Institute');
  const other = learner();
  await issueCredential(api.http, home.apiKey, other);
  const claimed = await claimLearner(api.http, home.apiKey, other);
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const grant = () =>
    api.http.post(`/v1/learners/${other}/grants`, { institutionId: institution.id, scopes: ['read'], expiresAt }, claimed.apiKey);
  await expectRefusedAfterSuspension(institution, grant, 'institutionId');
});

it('with nothing changed meanwhile, a held write is stored as usual', async () => {
  const issuer = await register('Patient College');
  const credential = await issueCredential(api.http, issuer.apiKey, learner());
  const held = api.holdNextRead(issuerStream(issuer.id));
  const answer = api.http.post(`/v1/credentials/${credential.id}/revoke`, { reason: 'clerical error' }, issuer.apiKey);
  await held.parked;
  held.release();
  expect((await answer).status).toBe(200);
});
