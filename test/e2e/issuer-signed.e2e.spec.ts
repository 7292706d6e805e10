import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@stackledger/event-store';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { startTxtDnsServer, type TxtDnsServer } from '../../libs/data-integrity/src/testing/txt-dns-server';
import { deployTestAnchor, type TestAnchor } from '../support/test-chain';
import { runLedger } from '../cli/support/cli-test-env';
import { credentialBody } from './support/ledger-fixtures';
import {
  rulesOnlyCredential,
  rulesOnlyKey,
  rulesOnlyProofOfPossession,
  rulesOnlyVerifyBundle,
  type RulesOnlyKey,
} from './support/rules-only-signer';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

/**
 * Issue 17, "what it must show", tried as a new user would: an issuer registered with a domain
 * registers a key (a proof made by another key is refused), issues credentials signed by a signer
 * written only from the rules of section 12, and a verifier written only from sections 6, 7 and 12
 * accepts the anchored stackledger-proof/2 bundle; `ledger verify --require-signature` agrees and
 * confirms the DNS binding on a DNS server on 127.0.0.1, and refuses when the record names another
 * key. Then: a changed credential and an unsigned request refused, key rotation, key revocation,
 * and an operator's forgery. Real HTTP, a real SQLite file, the real Hardhat chain.
 */
jest.setTimeout(300_000);

const DOMAIN = 'registrar.spec-signed.example';
const data = tempDataDir('issuer-signed');
let deployed: TestAnchor;
let chainEnv: Record<string, string>;
let api: TestApp;
let dns: TxtDnsServer;
let issuer: { id: string; apiKey: string; name: string; domain: string };
const bundles: Record<string, any> = {};
let first: RulesOnlyKey;
let second: RulesOnlyKey;

const profile = () => ({ id: issuer.id, name: issuer.name, domain: issuer.domain });
const post = (path: string, body: unknown, key = issuer.apiKey) => api.http.post(path, body, key);
const anchor = async () => expect((await post('/v1/anchors', {}, api.adminKey)).status).toBe(201);
const proofOf = async (id: string) => (await api.http.get(`/v1/credentials/${id}/proof`)).body;
const independent = (bundle: unknown) => rulesOnlyVerifyBundle(bundle, deployed.rpcUrl, deployed.record.address);
async function cli(bundle: unknown, ...flags: string[]) {
  const file = join(data.dir, `bundle-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(bundle));
  const run = await runLedger(['verify', file, '--rpc', deployed.rpcUrl, '--contract', deployed.record.address, '--json', ...flags]);
  return { code: run.code, report: JSON.parse(run.stdout) };
}
async function issueSigned(key: RulesOnlyKey, learnerId = 'L-rules-only'): Promise<string> {
  const credential = rulesOnlyCredential(profile(), learnerId, key);
  const response = await post('/v1/credentials', { credential });
  expect(response.status).toBe(201);
  return String(credential.id);
}
async function startApp() {
  api = await startTestApp(data.dir, { ANCHOR_INTERVAL_MS: '0' }, await openAnchorChain(data.dir, chainEnv));
}

beforeAll(async () => {
  deployed = await deployTestAnchor();
  chainEnv = { CHAIN_RPC_URL: deployed.rpcUrl, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
  await startApp();
  first = rulesOnlyKey();
  second = rulesOnlyKey();
  dns = await startTxtDnsServer({ [`_stackledger.${DOMAIN}`]: [`stackledger-key=${first.keyId}`] });
  const name = 'Institute of Independent Signatures';
  const registered = await post(
    '/v1/issuers',
    { name, country: 'IN', accreditationCode: 'UGC-17', contactEmail: `r@${DOMAIN}`, domain: DOMAIN },
    api.adminKey,
  );
  expect(registered.status).toBe(201);
  issuer = { ...registered.body, name, domain: DOMAIN };
});
afterAll(async () => {
  await api?.close();
  await dns?.close();
  data.remove();
});

describe('issuer-signed credentials, end to end (issue 17)', () => {
  it('registers a key only with a proof of possession made by that key', async () => {
    const keys = `/v1/issuers/${issuer.id}/keys`;
    const forged = await post(keys, {
      keyId: first.keyId,
      proofOfPossession: rulesOnlyProofOfPossession(first, issuer.id, rulesOnlyKey()),
    });
    expect(forged.body).toMatchObject({ statusCode: 400, code: 'SIGNATURE.PROOF_OF_POSSESSION_INVALID', field: 'proofOfPossession' });
    const ok = await post(keys, { keyId: first.keyId, proofOfPossession: rulesOnlyProofOfPossession(first, issuer.id) });
    expect(ok.status).toBe(201);
    expect((await api.http.get(`/v1/issuers/${issuer.id}`)).body).toMatchObject({
      domain: DOMAIN,
      keys: [{ keyId: first.keyId, status: 'live' }],
    });
  });

  let firstCredential: string;
  it('an independently signed credential is accepted; changed after signing or unsigned, refused with nothing stored', async () => {
    const head = async () => (await api.http.get('/health')).body.store.headSeq as number;
    const changed = rulesOnlyCredential(profile(), 'L-rules-only', first);
    changed.credits = '20';
    changed.hours = 600;
    const before = await head();
    expect((await post('/v1/credentials', { credential: changed })).body).toMatchObject({ statusCode: 400, code: 'SIGNATURE.INVALID' });
    expect((await post('/v1/credentials', credentialBody('L-rules-only'))).body).toMatchObject({ code: 'CREDENTIAL.SIGNATURE_REQUIRED' });
    expect(await head()).toBe(before);
    firstCredential = await issueSigned(first);
  });

  it('the anchored /2 bundle: the independent verifier and ledger verify --require-signature --check-dns accept it; DNS naming another key is refused', async () => {
    await anchor();
    const bundle = await proofOf(firstCredential);
    bundles.first = bundle;
    expect(bundle.format).toBe('stackledger-proof/2');
    expect(await independent(bundle)).toBe('valid');
    const ok = await cli(bundle, '--require-signature', '--check-dns', '--dns-server', dns.address, '--require-dns');
    expect(ok).toMatchObject({ code: 0, report: { verdict: 'valid' } });
    expect(JSON.stringify(ok.report)).toContain('confirmed');
    dns.setRecords({ [`_stackledger.${DOMAIN}`]: [`stackledger-key=${second.keyId}`] });
    const wrong = await cli(bundle, '--require-signature', '--check-dns', '--dns-server', dns.address, '--require-dns');
    expect(wrong).toMatchObject({ code: 11, report: { verdict: 'dns-not-confirmed' } });
    dns.setRecords({ [`_stackledger.${DOMAIN}`]: [`stackledger-key=${first.keyId}`, `stackledger-key=${second.keyId}`] });
  });

  it('key rotation: old credentials stay valid, new ones need the new key', async () => {
    expect(
      (
        await post(`/v1/issuers/${issuer.id}/keys`, {
          keyId: second.keyId,
          proofOfPossession: rulesOnlyProofOfPossession(second, issuer.id),
        })
      ).status,
    ).toBe(201);
    expect((await post(`/v1/issuers/${issuer.id}/keys/${first.keyId}/retire`, {})).body).toMatchObject({ status: 'retired' });
    const byRetired = await post('/v1/credentials', { credential: rulesOnlyCredential(profile(), 'L-rules-only', first) });
    expect(byRetired.body).toMatchObject({ statusCode: 409, code: 'KEY.RETIRED' });
    const rotated = await issueSigned(second, 'L-rules-only-b');
    await anchor();
    bundles.second = await proofOf(rotated);
    expect(await independent(bundles.second)).toBe('valid');
    expect(await independent(await proofOf(firstCredential))).toBe('valid');
    expect((await cli(await proofOf(firstCredential), '--require-signature')).code).toBe(0);
  });

  it('after revocation the key signs nothing more, and what was anchored before still verifies', async () => {
    const revoked = await post(`/v1/issuers/${issuer.id}/keys/${second.keyId}/revoke`, { reason: 'key file leaked' }, api.adminKey);
    expect(revoked.body).toMatchObject({ status: 'revoked' });
    const after = await post('/v1/credentials', { credential: rulesOnlyCredential(profile(), 'L-rules-only', second) });
    expect(after.body).toMatchObject({ statusCode: 409, code: 'KEY.REVOKED' });
    await anchor(); // pushes the keyHash on chain
    expect(await independent(bundles.second)).toBe('valid');
    expect(await cli(bundles.second, '--require-signature')).toMatchObject({ code: 0, report: { verdict: 'valid' } });
  });

  it("an operator's forgery (unsigned CredentialIssued appended straight to the store, anchored) fails --require-signature", async () => {
    await api.close();
    const store = SqliteEventStore.open(join(data.dir, 'ledger.sqlite'));
    const forged: Record<string, unknown> = {
      ...(bundles.first.credential as Record<string, unknown>),
      id: randomUUID(),
      title: 'Forged Diploma',
    };
    delete forged.proof;
    await store.append(
      'learner-L-forged',
      [
        {
          id: randomUUID(),
          type: 'CredentialIssued',
          data: { credential: { ...forged, learnerId: 'L-forged' } },
          metadata: { actor: 'operator' },
          recordedAt: new Date().toISOString(),
        },
      ],
      'any',
    );
    await store.close();
    await startApp();
    await anchor();
    const bundle = await proofOf(String(forged.id));
    expect(await independent(bundle)).toBe('unsigned');
    expect(await cli(bundle, '--require-signature')).toMatchObject({ code: 10, report: { verdict: 'unsigned' } });
  });
});
