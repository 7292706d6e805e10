import { JsonRpcProvider } from 'ethers';
import { anchorInterface } from '@stackledger/chain';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { independentVerify } from '../cli/independent-verifier';
import { deployTestAnchor } from '../support/test-chain';
import { credentialBody, issueCredential, registerIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

jest.setTimeout(240_000);

const ISSUED = 1_000;
const REVOKED = 900;
/** EIP-7825: no transaction may use more gas than this (Hardhat 2.29 applies it). */
const TX_GAS_CAP = 2n ** 24n;

const metric = (text: string, name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

/**
 * The newcomer's report, over HTTP: bulk-issue 1,000, anchor, revoke 900, anchor again. Before the
 * fix every key went into ONE revoke transaction above the per-transaction gas cap, that run failed
 * (503, "revoke reverted without data") and so did every later one: nothing anchored any more.
 */
describe('a mass revocation does not stall anchoring (real app, real SQLite, real chain)', () => {
  const data = tempDataDir('mass-revocation');
  let api: TestApp;
  let rpcUrl: string;
  let contractAddress: string;
  let provider: JsonRpcProvider;

  beforeAll(async () => {
    const deployed = await deployTestAnchor();
    rpcUrl = deployed.rpcUrl;
    contractAddress = deployed.record.address;
    provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
    const env = { CHAIN_RPC_URL: rpcUrl, ANCHOR_CONTRACT: contractAddress, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    api = await startTestApp(
      data.dir,
      { ANCHOR_INTERVAL_MS: '0', BODY_LIMIT: '2mb', READ_YOUR_WRITES_TIMEOUT_MS: '30000' },
      await openAnchorChain(data.dir, env),
    );
  });
  afterAll(async () => {
    await api?.close();
    provider?.destroy();
    data.remove();
  });

  it('bulk-issue 1,000, anchor, revoke 900: the next anchor answers 201, later credentials anchor, revoked ones verify revoked', async () => {
    const { http, adminKey } = api;
    const issuer = await registerIssuer(http, adminKey, 'Mass Revocation University');
    const items = Array.from({ length: ISSUED }, (_, i) => credentialBody(`L-MASS-${i % 250}`, { title: `Module ${i}` }));
    const issued = await http.post('/v1/credentials:batch', { items }, issuer.apiKey);
    expect(issued.status).toBe(201);
    const credentials: { id: string }[] = issued.body.credentials;
    expect(credentials).toHaveLength(ISSUED);
    expect((await http.post('/v1/anchors', {}, adminKey)).status).toBe(201);

    for (const credential of credentials.slice(0, REVOKED)) {
      const revoked = await http.post(`/v1/credentials/${credential.id}/revoke`, { reason: 'cohort withdrawn' }, issuer.apiKey);
      expect(revoked.status).toBe(200);
    }
    expect(metric((await http.get('/metrics')).text, 'stackledger_revocations_pending')).toBe(REVOKED);

    const blockBefore = await provider.getBlockNumber();
    const second = await http.post('/v1/anchors', {}, adminKey);
    expect([second.status, second.body.code]).toEqual([201, undefined]);

    // Every revocation is on chain, in several transactions, each at most half the cap.
    const revokedTopic = anchorInterface.getEvent('CredentialRevoked')!.topicHash;
    const logs = await provider.getLogs({ address: contractAddress, topics: [revokedTopic], fromBlock: blockBefore + 1 });
    expect(logs).toHaveLength(REVOKED);
    const txs = [...new Set(logs.map((l) => l.transactionHash))];
    expect(txs.length).toBeGreaterThan(1);
    for (const hash of txs) expect((await provider.getTransactionReceipt(hash))!.gasUsed).toBeLessThanOrEqual(TX_GAS_CAP / 2n);
    const metrics = (await http.get('/metrics')).text;
    expect(metric(metrics, 'stackledger_revocations_pending')).toBe(0);
    expect(metric(metrics, 'stackledger_revocation_transactions_total')).toBe(txs.length);
    expect(metric(metrics, 'stackledger_revocation_keys_pushed_total')).toBe(REVOKED);

    const later = await issueCredential(http, issuer.apiKey, 'L-MASS-LATER');
    expect((await http.post('/v1/anchors', {}, adminKey)).status).toBe(201);
    const laterBundle = await http.get(`/v1/credentials/${later.id}/proof`);
    expect(laterBundle.status).toBe(200);
    expect(await independentVerify(laterBundle.body, rpcUrl, contractAddress)).toBe('valid');

    for (const credential of [credentials[0], credentials[REVOKED - 1]]) {
      const bundle = await http.get(`/v1/credentials/${credential.id}/proof`);
      expect(bundle.status).toBe(200);
      expect(await independentVerify(bundle.body, rpcUrl, contractAddress)).toBe('revoked');
    }
    const kept = await http.get(`/v1/credentials/${credentials[REVOKED].id}/proof`);
    expect(await independentVerify(kept.body, rpcUrl, contractAddress)).toBe('valid');
    expect((await http.get('/health')).body.anchoring).toMatchObject({ consecutiveFailures: 0 });
  });
});
