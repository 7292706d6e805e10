import { Contract, JsonRpcProvider } from 'ethers';
import { ANCHOR_ABI } from '@stackledger/chain';
import { credentialKey } from '@stackledger/merkle';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { deployTestAnchor } from '../support/test-chain';
import { independentVerify } from '../cli/independent-verifier';
import { issueCredential, registerIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

jest.setTimeout(60_000);

describe('anchoring on a real EVM: bundles, revocations, the periodic job', () => {
  const data = tempDataDir('anchoring');
  let api: TestApp;
  let chainEnv: Record<string, string>;
  let provider: JsonRpcProvider;

  beforeAll(async () => {
    const deployed = await deployTestAnchor();
    chainEnv = { CHAIN_RPC_URL: deployed.rpcUrl, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    provider = new JsonRpcProvider(deployed.rpcUrl, undefined, { staticNetwork: true });
    api = await startTestApp(data.dir, { ANCHOR_INTERVAL_MS: '0' }, await openAnchorChain(data.dir, chainEnv));
  });
  afterAll(async () => {
    await api?.close();
    provider?.destroy();
    data.remove();
  });

  it('anchors on demand, serves a bundle an independent verifier accepts, and refuses one with credits changed', async () => {
    const { http, adminKey } = api;
    const issuer = await registerIssuer(http, adminKey, 'Anchored University');
    const credential = await issueCredential(http, issuer.apiKey, 'L-anchor');
    await issueCredential(http, issuer.apiKey, 'L-anchor', { title: 'Second module' });

    const pending = await http.get(`/v1/credentials/${credential.id}/proof`);
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ status: 'pending' });
    expect(Date.parse(pending.body.expectedBy)).not.toBeNaN();

    const anchored = await http.post('/v1/anchors', {}, adminKey);
    expect(anchored.status).toBe(201);
    expect(anchored.body).toMatchObject({ index: 0, fromSeq: 1, contract: chainEnv.ANCHOR_CONTRACT });
    expect((await http.post('/v1/anchors', {}, adminKey)).status).toBe(204);

    const chain = (await http.get('/v1/chain')).body;
    expect(chain).toMatchObject({ chainId: 31337, contract: chainEnv.ANCHOR_CONTRACT });
    const bundle = (await http.get(`/v1/credentials/${credential.id}/proof`)).body;
    expect(bundle.format).toBe('stackledger-proof/1');
    expect(bundle.credential).toEqual(bundle.event.data.credential);

    expect(await independentVerify(bundle, chainEnv.CHAIN_RPC_URL, chainEnv.ANCHOR_CONTRACT)).toBe('valid');
    const forged = structuredClone(bundle);
    forged.credential.credits = '40';
    forged.event.data.credential.credits = '40';
    expect(await independentVerify(forged, chainEnv.CHAIN_RPC_URL, chainEnv.ANCHOR_CONTRACT)).toBe('tampered');

    const listed = (await http.get('/v1/anchors')).body;
    expect(listed.count).toBe(1);
    expect((await http.get('/v1/anchors/0')).body.root).toBe(bundle.merkle.batch.root);
  });

  it('a revoked credential shows as revoked on chain after the next anchor', async () => {
    const { http, adminKey } = api;
    const issuer = await registerIssuer(http, adminKey, 'Revoking College');
    const credential = await issueCredential(http, issuer.apiKey, 'L-revoke');
    await http.post('/v1/anchors', {}, adminKey);
    const contract = new Contract(chainEnv.ANCHOR_CONTRACT, ANCHOR_ABI, provider);
    const key = credentialKey((await http.get(`/v1/credentials/${credential.id}/proof`)).body.credential);
    expect(await contract.revokedAt(key)).toBe(0n);

    expect((await http.post(`/v1/credentials/${credential.id}/revoke`, { reason: 'plagiarism' }, issuer.apiKey)).status).toBe(200);
    expect((await http.post('/v1/anchors', {}, adminKey)).status).toBe(201);
    expect(await contract.revokedAt(key)).toBeGreaterThan(0n);
    const bundle = (await http.get(`/v1/credentials/${credential.id}/proof`)).body;
    expect(await independentVerify(bundle, chainEnv.CHAIN_RPC_URL, chainEnv.ANCHOR_CONTRACT)).toBe('revoked');
  });

  it('the periodic job anchors by itself within a few intervals', async () => {
    const periodicData = tempDataDir('periodic');
    const deployed = await deployTestAnchor();
    const env = { CHAIN_RPC_URL: deployed.rpcUrl, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    const periodic = await startTestApp(periodicData.dir, { ANCHOR_INTERVAL_MS: '300' }, await openAnchorChain(periodicData.dir, env));
    try {
      const issuer = await registerIssuer(periodic.http, periodic.adminKey, 'Periodic Institute');
      const credential = await issueCredential(periodic.http, issuer.apiKey, 'L-periodic');
      const deadline = Date.now() + 10_000;
      let status = 202;
      while (status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await periodic.http.get(`/v1/credentials/${credential.id}/proof`)).status;
      }
      expect(status).toBe(200);
      expect((await periodic.http.get('/health')).body.anchoring).toMatchObject({ enabled: true, consecutiveFailures: 0 });
    } finally {
      await periodic.close();
      periodicData.remove();
    }
  });
});
