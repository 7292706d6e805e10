import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCredential, signCredential, StackLedgerClient, type SignedBody } from '@stackledger/client';
import {
  generateKeyPair,
  keyHash,
  nobleBackend,
  signKeyRegistration,
  didKeyFromPublicKey,
  verifyProof,
  type Ed25519KeyPair,
} from '@stackledger/data-integrity';
import { validateOpenBadge } from '../support/open-badge-schema';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { EthersAnchorChain } from '../../apps/api/src/anchoring/ethers-anchor-chain.adapter';
import { deployTestAnchor, type TestAnchor } from '../support/test-chain';
import { runLedger } from '../cli/support/cli-test-env';
import { credentialBody } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

/**
 * Signed issuance through the real app (HTTP, SQLite file, Hardhat chain): key registration with
 * a proof of possession, every refusal of a signed or unsigned request with its code and nothing
 * stored, bulk, the `/2` bundle from the proof endpoint accepted by `ledger verify
 * --require-signature`, and a revoked key's keyHash on chain after the next anchoring run.
 */
jest.setTimeout(180_000);

const backend = nodeCryptoBackend;
const data = tempDataDir('signed-issuance');
let api: TestApp;
let deployed: TestAnchor;
let issuer: { id: string; apiKey: string };
let other: { id: string; apiKey: string };
let key: Ed25519KeyPair;
let client: StackLedgerClient;
let unsignedId: string;
const identity = () => ({ id: issuer.id, name: 'University of Signed Things', domain: 'signed.example' });
const headSeq = async () => (await api.http.get('/health')).body.store.headSeq as number;
const post = (path: string, body: unknown, apiKey = issuer.apiKey) => api.http.post(path, body, apiKey);

async function expectRefused(path: string, body: unknown, status: number, code: string, field?: string, apiKey?: string) {
  const before = await headSeq();
  const response = await post(path, body, apiKey);
  expect({ status: response.status, code: response.body.code, ...(field && { field: response.body.field }) }).toEqual({
    status,
    code,
    ...(field && { field }),
  });
  expect(await headSeq()).toBe(before);
}

beforeAll(async () => {
  deployed = await deployTestAnchor();
  const chainEnv = { CHAIN_RPC_URL: deployed.rpcUrl, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
  api = await startTestApp(data.dir, { ANCHOR_INTERVAL_MS: '0' }, await openAnchorChain(data.dir, chainEnv));
  const register = async (name: string, domain: string) => {
    const r = await api.http.post(
      '/v1/issuers',
      { name, country: 'IN', accreditationCode: 'UGC-9', contactEmail: 'r@x.example', domain },
      api.adminKey,
    );
    expect(r.status).toBe(201);
    return r.body as { id: string; apiKey: string };
  };
  issuer = await register('University of Signed Things', 'Signed.Example');
  other = await register('Other University', 'other.example');
  key = generateKeyPair(backend);
  const plain = await api.http.post('/v1/credentials', credentialBody('L-plain'), issuer.apiKey);
  expect(plain.status).toBe(201);
  unsignedId = plain.body.id;
  client = new StackLedgerClient({ baseUrl: api.http.baseUrl, apiKey: issuer.apiKey, backend });
});
afterAll(async () => {
  await api?.close();
  data.remove();
});

const sign = (overrides: Record<string, unknown> = {}, signer = key, now = new Date()): SignedBody => ({
  credential: signCredential(
    backend,
    { ...buildCredential(credentialBody('L-signed') as never, identity(), { now }), ...overrides },
    signer,
  ),
});

describe('signing keys: POST /v1/issuers/{id}/keys, GET /v1/issuers/{id}', () => {
  it('registers the domain lower-cased; refuses a bad one', async () => {
    expect((await api.http.get(`/v1/issuers/${issuer.id}`)).body).toMatchObject({ domain: 'signed.example', keys: [] });
    await expectRefused(
      '/v1/issuers',
      { name: 'N', country: 'IN', accreditationCode: 'A', contactEmail: 'a@b.cd', domain: 'not a host' },
      400,
      'VALIDATION.FORMAT',
      'domain',
      api.adminKey,
    );
  });

  it('refuses a proof of possession made by another key, for another issuer, or stale', async () => {
    const keyId = didKeyFromPublicKey(key.publicKey);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const byOther = signKeyRegistration(backend, generateKeyPair(backend), issuer.id, now);
    const path = `/v1/issuers/${issuer.id}/keys`;
    await expectRefused(path, { keyId, proofOfPossession: byOther }, 400, 'SIGNATURE.PROOF_OF_POSSESSION_INVALID', 'proofOfPossession');
    const forOther = signKeyRegistration(backend, key, other.id, now);
    await expectRefused(path, { keyId, proofOfPossession: forOther }, 400, 'SIGNATURE.PROOF_OF_POSSESSION_INVALID', 'proofOfPossession');
    const stale = signKeyRegistration(backend, key, issuer.id, new Date(Date.now() - 6 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'));
    await expectRefused(path, { keyId, proofOfPossession: stale }, 400, 'SIGNATURE.PROOF_OF_POSSESSION_INVALID', 'proofOfPossession');
    const own = signKeyRegistration(backend, key, issuer.id, now);
    await expectRefused(path, { keyId, proofOfPossession: own }, 403, 'AUTH.FORBIDDEN', 'id', other.apiKey);
    await expectRefused(path, { keyId, proofOfPossession: own }, 403, 'AUTH.FORBIDDEN', undefined, api.adminKey);
  });

  it('registers a key with its own proof; GET shows it live; registering it again is a conflict', async () => {
    const registered = await client.registerKey(issuer.id, key);
    expect(registered).toMatchObject({ keyId: didKeyFromPublicKey(key.publicKey), status: 'live' });
    const profile = (await api.http.get(`/v1/issuers/${issuer.id}`)).body;
    expect(profile).toMatchObject({ id: issuer.id, name: 'University of Signed Things', domain: 'signed.example' });
    expect(profile.keys).toEqual([{ keyId: registered.keyId, status: 'live', registeredAt: registered.registeredAt }]);
    const pop = signKeyRegistration(backend, key, issuer.id, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    await expectRefused(
      `/v1/issuers/${issuer.id}/keys`,
      { keyId: registered.keyId, proofOfPossession: pop },
      409,
      'KEY.ALREADY_REGISTERED',
      'keyId',
    );
  });
});

describe('signed issuance: POST /v1/credentials and /v1/credentials:batch', () => {
  it('refuses an unsigned request from a keyed issuer', () =>
    expectRefused('/v1/credentials', credentialBody('L-signed'), 400, 'CREDENTIAL.SIGNATURE_REQUIRED', 'credential'));

  it("refuses a credential changed after signing, a key not the issuer's, issuedAt out of the window, a non-canonical document", async () => {
    const changed = sign();
    changed.credential.credits = '9';
    await expectRefused('/v1/credentials', changed, 400, 'SIGNATURE.INVALID', 'credential.proof');
    await expectRefused(
      '/v1/credentials',
      sign({}, generateKeyPair(backend)),
      400,
      'KEY.NOT_REGISTERED',
      'credential.proof.verificationMethod',
    );
    const othersKey = generateKeyPair(backend);
    await new StackLedgerClient({ baseUrl: api.http.baseUrl, apiKey: other.apiKey, backend }).registerKey(other.id, othersKey);
    await expectRefused('/v1/credentials', sign({}, othersKey), 403, 'KEY.OTHER_ISSUER', 'credential.proof.verificationMethod');
    await expectRefused(
      '/v1/credentials',
      sign({}, key, new Date(Date.now() - 10 * 60_000)),
      400,
      'CREDENTIAL.ISSUED_AT_OUT_OF_WINDOW',
      'credential.issuedAt',
    );
    await expectRefused('/v1/credentials', sign({ title: ' padded ' }), 400, 'CREDENTIAL.NOT_CANONICAL', 'credential.title');
    await expectRefused(
      '/v1/credentials',
      sign({ issuer: { id: issuer.id, name: 'Someone Else' } }),
      400,
      'CREDENTIAL.ISSUER_PROFILE_MISMATCH',
      'credential.issuer',
    );
    await expectRefused('/v1/credentials', { items: [sign()] }, 400, 'VALIDATION.UNKNOWN_FIELD', 'items');
    const bad = sign();
    bad.credential.title = 'changed';
    await expectRefused('/v1/credentials:batch', { items: [sign(), bad] }, 400, 'SIGNATURE.INVALID', 'items[1].credential.proof');
  });

  let signedId: string;
  it('stores a signed credential exactly as signed, single and bulk, and the proof endpoint serves /2 once anchored', async () => {
    const body = sign();
    const issued = await client.issue(body);
    signedId = String(issued.id);
    expect(issued.id).toBe(body.credential.id);
    const batch = await client.issueBatch([sign(), sign()]);
    expect(batch.credentials).toHaveLength(2);
    expect((await api.http.post('/v1/anchors', {}, api.adminKey)).status).toBe(201);
    const proof = (await api.http.get(`/v1/credentials/${signedId}/proof`)).body;
    expect(proof.format).toBe('stackledger-proof/2');
    expect(proof.credential).toEqual(body.credential);
    expect(proof.issuerKey.event).toMatchObject({ type: 'IssuerKeyRegistered', stream: `issuer-${issuer.id}` });
    const file = join(data.dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(proof));
    const run = await runLedger([
      'verify',
      file,
      '--rpc',
      deployed.rpcUrl,
      '--contract',
      deployed.record.address,
      '--require-signature',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'valid' });
  });

  it('the Open Badges export carries the issuer proof over the rendition beside the anchor proof, and validates against the OB 3.0 schema', async () => {
    const body = client.signed(credentialBody('L-badge') as never, identity(), key);
    const tampered = { ...body, openBadgeProof: { ...body.openBadgeProof, proofValue: 'z3' } };
    await expectRefused('/v1/credentials', tampered, 400, 'SIGNATURE.INVALID', 'openBadgeProof');
    await client.issue(body);
    expect((await api.http.post('/v1/anchors', {}, api.adminKey)).status).toBe(201);
    const badge = (await api.http.get(`/v1/credentials/${body.credential.id}/openbadge`)).body;
    expect(validateOpenBadge(badge)).toEqual([]);
    const [issuerProof, anchorProof] = badge.proof;
    expect(issuerProof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022' });
    expect(anchorProof.type).toBe('StackLedgerAnchorProof2026');
    const { proof: _set, ...rendition } = badge;
    const checked = verifyProof(nobleBackend, { ...rendition, proof: issuerProof }, { expectedProofPurpose: 'assertionMethod' });
    expect(checked).toMatchObject({ ok: true, keyId: didKeyFromPublicKey(key.publicKey) });
    const changed = verifyProof(
      nobleBackend,
      { ...rendition, name: 'Another Title', proof: issuerProof },
      { expectedProofPurpose: 'assertionMethod' },
    );
    expect(changed.ok).toBe(false);
    const unsigned = (await api.http.get(`/v1/credentials/${unsignedId}/openbadge`)).body;
    expect(validateOpenBadge(unsigned)).toEqual([]);
    // The schema does refuse: a badge without its subject is not an AchievementCredential.
    expect(validateOpenBadge({ ...unsigned, credentialSubject: undefined })).not.toEqual([]);
  });

  it('retire: new signatures refused; revoke: keyHash on chain after the next anchoring run', async () => {
    const keyId = didKeyFromPublicKey(key.publicKey);
    const path = `/v1/issuers/${issuer.id}/keys/${keyId}`;
    expect((await post(`${path}/retire`, {})).body).toMatchObject({ keyId, status: 'retired' });
    await expectRefused('/v1/credentials', sign(), 409, 'KEY.RETIRED', 'credential.proof.verificationMethod');
    // With no live key left, the unsigned form is accepted again.
    expect((await post('/v1/credentials', credentialBody('L-signed'))).status).toBe(201);
    await expectRefused(`${path}/revoke`, { reason: 'x' }, 403, 'AUTH.FORBIDDEN', 'id', other.apiKey);
    expect((await post(`${path}/revoke`, { reason: 'laptop stolen' }, api.adminKey)).body).toMatchObject({ keyId, status: 'revoked' });
    await expectRefused('/v1/credentials', sign(), 409, 'KEY.REVOKED', 'credential.proof.verificationMethod');
    expect((await api.http.post('/v1/anchors', {}, api.adminKey)).status).toBe(201);
    const chain = await EthersAnchorChain.connect({
      rpcUrl: deployed.rpcUrl,
      contract: deployed.record.address,
      privateKey: deployed.anchorerKey,
      deploymentBlock: deployed.record.blockNumber,
    });
    try {
      expect(await chain.revokedAt(keyHash(keyId))).toBeGreaterThan(0);
    } finally {
      await chain.close();
    }
    expect((await api.http.get(`/v1/issuers/${issuer.id}`)).body.keys[0]).toMatchObject({
      status: 'revoked',
      revokedAt: expect.any(String),
    });
    // The audit finds the keyHash on chain in the log (an IssuerKeyRevoked), not as a divergence.
    const audit = await runLedger(
      [
        'audit',
        '--rpc',
        deployed.rpcUrl,
        '--contract',
        deployed.record.address,
        '--data-dir',
        data.dir,
        '--from-block',
        String(deployed.record.blockNumber),
        '--json',
      ],
      120_000,
    );
    expect({ code: audit.code, stderr: audit.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true });
  });
});
