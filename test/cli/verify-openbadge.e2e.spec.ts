import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { issueCredential, registerIssuer } from '../e2e/support/ledger-fixtures';
import { startTestApp, tempDataDir, type TestApp } from '../e2e/support/test-app';
import { deployTestAnchor } from '../support/test-chain';
import { runLedger } from './support/cli-test-env';

/**
 * `ledger verify` on the Open Badges 3.0 form that GET /v1/credentials/{id}/openbadge serves: the
 * real API in process on the jest chain issues and anchors; the CLI, as its own process, checks
 * the badge against the chain alone.
 */
jest.setTimeout(90_000);

describe('ledger verify on an Open Badges 3.0 credential from the API', () => {
  const data = tempDataDir('openbadge');
  const dir = mkdtempSync(join(tmpdir(), 'ledger-openbadge-'));
  let api: TestApp;
  let rpc: string;
  let contract: string;
  let credentialId: string;
  let badge: any;

  beforeAll(async () => {
    const deployed = await deployTestAnchor();
    [rpc, contract] = [deployed.rpcUrl, deployed.record.address];
    const env = { CHAIN_RPC_URL: rpc, ANCHOR_CONTRACT: contract, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    api = await startTestApp(data.dir, { ANCHOR_INTERVAL_MS: '0' }, await openAnchorChain(data.dir, env));
    const issuer = await registerIssuer(api.http, api.adminKey, 'Open University of Kerala');
    credentialId = (
      await issueCredential(api.http, issuer.apiKey, 'APAAR-555', { title: 'Statistics for Data Science', credits: '3.75', hours: 112 })
    ).id;
  });

  afterAll(async () => {
    await api?.close();
    data.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = (name: string, document: unknown, ...extra: string[]) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(document, null, 2));
    return runLedger(['verify', file, '--rpc', rpc, '--contract', contract, ...extra]);
  };

  it('GET /openbadge: 202 pending before anchoring, then the OB3 credential carrying the proof bundle (public)', async () => {
    const pending = await api.http.get(`/v1/credentials/${credentialId}/openbadge`);
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ status: 'pending', expectedBy: expect.any(String) });
    expect((await api.http.post('/v1/anchors', {}, api.adminKey)).status).toBe(201);

    const served = await api.http.get(`/v1/credentials/${credentialId}/openbadge`);
    expect(served.status).toBe(200);
    badge = served.body;
    const proof = (await api.http.get(`/v1/credentials/${credentialId}/proof`)).body;
    expect(badge).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: `urn:uuid:${proof.credential.issuerId}`, type: ['Profile'], name: 'Open University of Kerala' },
      validFrom: proof.credential.issuedAt,
      validUntil: proof.credential.validUntil,
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [{ identityHash: 'APAAR-555', hashed: false }],
        achievement: {
          name: 'Statistics for Data Science',
          creditsAvailable: 3.75,
          alignment: [{ targetType: 'ext:NCrFLevel', targetCode: '4.5' }],
        },
      },
      proof: [{ type: 'StackLedgerAnchorProof2026', bundle: proof }],
    });
    expect((await api.http.get('/v1/credentials/00000000-0000-4000-8000-000000000000/openbadge')).status).toBe(404);
  });

  it('the badge as served -> valid, exit 0', async () => {
    const run = await verify('badge', badge);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^VALID: /);
    expect(run.stdout).toContain('an Open Badges 3.0 credential');
    for (const text of ['APAAR-555', 'Statistics for Data Science', '3.75']) expect(run.stdout).toContain(text);
  });

  it('the badge with its achievement name changed -> tampered, exit 1, the field named (also in --json)', async () => {
    const renamed = structuredClone(badge);
    renamed.credentialSubject.achievement.name = 'Advanced Statistics';
    const run = await verify('renamed', renamed);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^TAMPERED: the Open Badge differs from the anchored credential it carries \(credentialSubject\.achievement\.name: the badge shows "Advanced Statistics"/,
    );
    expect(run.stdout).toContain('as the bundle CLAIMS it');
    const json = JSON.parse((await verify('renamed', renamed, '--json')).stdout);
    expect(json).toMatchObject({ verdict: 'tampered', code: 'CREDENTIAL_MISMATCH', form: 'open-badge', exitCode: 1 });
  });

  it('changed credits or learner in the badge -> tampered; a badge without a StackLedger proof -> tampered, no stack', async () => {
    const credits = structuredClone(badge);
    credits.credentialSubject.achievement.creditsAvailable = 30;
    expect((await verify('credits', credits)).code).toBe(1);
    const learner = structuredClone(badge);
    learner.credentialSubject.identifier[0].identityHash = 'APAAR-999';
    expect((await verify('learner', learner)).stdout).toContain('credentialSubject.identifier');
    const unproven = await verify('unproven', { ...badge, proof: [] });
    expect(unproven.code).toBe(1);
    expect(unproven.stdout).toMatch(
      /^TAMPERED: malformed Open Badge: an Open Badge with no StackLedgerAnchorProof2026 proof, so not anchored by StackLedger/,
    );
    expect(unproven.stdout + unproven.stderr).not.toMatch(/\n\s+at /);
  });
});
