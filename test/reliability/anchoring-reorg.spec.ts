import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { RpcAuditChain, runAudit, storeSource } from '@stackledger/audit';
import { ANCHOR_ABI, JsonRpcAnchorReader } from '@stackledger/chain';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { ANCHOR_STREAM } from '@stackledger/domain';
import { deployAnchor } from '../../deploy/001_deploy_anchor';
import { devAccount, freePort, LocalChain, startLocalChain } from '../../scripts/local-chain';
import { independentVerify } from '../cli/independent-verifier';
import { issueCredential, registerIssuer } from '../e2e/support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from '../e2e/support/test-app';
import { deployTestAnchor } from '../support/test-chain';

jest.setTimeout(180_000);

const APP_ENV = { ANCHOR_INTERVAL_MS: '0', READ_YOUR_WRITES_TIMEOUT_MS: '30000' };

/**
 * A chain reorganisation, played with Hardhat snapshots on a PRIVATE node (the jest chain is shared
 * by parallel test files, so it is never reverted): a batch and a revocation are recorded, the
 * chain goes back to before them, and the next run anchors the batch again (same index, range and
 * root) and pushes the revocation again; proofs, old and new, verify.
 */
describe('a batch and a revocation removed by a reorganisation are anchored and pushed again (private Hardhat node)', () => {
  const data = tempDataDir('reorg');
  let node: LocalChain;
  let provider: JsonRpcProvider;
  let api: TestApp;
  let contract: string;

  beforeAll(async () => {
    node = await startLocalChain({ port: await freePort() });
    provider = new JsonRpcProvider(node.url, node.chainId, { staticNetwork: true, batchMaxCount: 1 });
    const [admin, anchorer] = [devAccount(0), devAccount(1)];
    contract = (await deployAnchor({ signer: new Wallet(admin.privateKey, provider), admin: admin.address, anchorer: anchorer.address }))
      .address;
    const env = { CHAIN_RPC_URL: node.url, ANCHOR_CONTRACT: contract, ANCHORER_PRIVATE_KEY: anchorer.privateKey };
    api = await startTestApp(data.dir, APP_ENV, await openAnchorChain(data.dir, env));
  });
  afterAll(async () => {
    await api?.close();
    provider?.destroy();
    await node?.stop();
    data.remove();
  });

  it('records the orphaned batch, anchors it again under the same index, pushes the lost revocation again; proofs verify', async () => {
    const { http, adminKey } = api;
    const verify = (bundle: unknown) => independentVerify(bundle, node.url, contract);
    const issuer = await registerIssuer(http, adminKey, 'Reorg University');
    const first = await issueCredential(http, issuer.apiKey, 'L-reorg');
    expect((await http.post('/v1/anchors', {}, adminKey)).status).toBe(201);
    const snapshot: string = await provider.send('evm_snapshot', []);

    const second = await issueCredential(http, issuer.apiKey, 'L-reorg', { title: 'Second module' });
    expect((await http.post(`/v1/credentials/${first.id}/revoke`, { reason: 'error' }, issuer.apiKey)).status).toBe(200);
    const lost = await http.post('/v1/anchors', {}, adminKey);
    expect(lost.body).toMatchObject({ index: 1 });
    const oldBundle = (await http.get(`/v1/credentials/${second.id}/proof`)).body;
    expect(await verify(oldBundle)).toBe('valid');
    expect(await verify((await http.get(`/v1/credentials/${first.id}/proof`)).body)).toBe('revoked');

    expect(await provider.send('evm_revert', [snapshot])).toBe(true);
    // Receipts through send(): ethers' request cache would answer the second question from the first.
    const receipt = (hash: string) => provider.send('eth_getTransactionReceipt', [hash]) as Promise<{ status: string } | null>;
    expect(await receipt(lost.body.txHash)).toBeNull();
    expect(await verify(oldBundle)).toBe('not-anchored');
    expect(await verify((await http.get(`/v1/credentials/${first.id}/proof`)).body)).toBe('valid'); // the revocation is gone too

    const again = await http.post('/v1/anchors', {}, adminKey);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ index: 1, root: lost.body.root, fromSeq: lost.body.fromSeq, toSeq: lost.body.toSeq });
    // Sent again and mined on the new chain. It may be byte for byte the lost transaction (same
    // nonce, fees and gas as before the reorganisation), hence the same hash: that is not a copy.
    expect((await receipt(again.body.txHash))?.status).toBe('0x1');
    const records = (await api.app.get<EventStore>(EVENT_STORE).readStream(ANCHOR_STREAM)).map((e) => [
      e.type,
      e.data.index ?? e.data.fromSeq,
    ]);
    expect(records).toContainEqual(['BatchOrphaned', 1]);
    expect(records.filter(([type]) => type === 'RevocationsOrphaned')).toHaveLength(1);

    // Read models and proofs show the batch anchored again; the bundle handed out before still verifies.
    expect((await http.get('/v1/anchors/1')).body).toMatchObject({ txHash: again.body.txHash });
    const newBundle = (await http.get(`/v1/credentials/${second.id}/proof`)).body;
    expect(newBundle.anchor).toMatchObject({ txHash: again.body.txHash, blockNumber: again.body.blockNumber });
    expect(newBundle.merkle).toEqual(oldBundle.merkle);
    expect(await verify(newBundle)).toBe('valid');
    expect(await verify(oldBundle)).toBe('valid');
    expect(await verify((await http.get(`/v1/credentials/${first.id}/proof`)).body)).toBe('revoked');

    const later = await issueCredential(http, issuer.apiKey, 'L-reorg', { title: 'After the reorganisation' });
    expect((await http.post('/v1/anchors', {}, adminKey)).body).toMatchObject({ index: 2 });
    expect(await verify((await http.get(`/v1/credentials/${later.id}/proof`)).body)).toBe('valid');
    const report = await runAudit(
      storeSource(api.app.get<EventStore>(EVENT_STORE)),
      new RpcAuditChain(new JsonRpcAnchorReader(node.url, contract)),
      contract,
    );
    expect(report).toMatchObject({ ok: true, batchesOnChain: 3, revocationsOnChain: 1, revocationsPending: 0 });
  });
});

describe('reconcile refuses a batch on chain whose root the log does not give (shared jest chain, no revert)', () => {
  const data = tempDataDir('foreign-root');
  let api: TestApp;
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('answers 503 naming the mismatch, /health says anchoring is blocked, nothing is recorded', async () => {
    const deployed = await deployTestAnchor();
    const env = { CHAIN_RPC_URL: deployed.rpcUrl, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    api = await startTestApp(data.dir, APP_ENV, await openAnchorChain(data.dir, env));
    const issuer = await registerIssuer(api.http, api.adminKey, 'Foreign Root College');
    const credential = await issueCredential(api.http, issuer.apiKey, 'L-foreign');
    const head = (await api.http.get('/health')).body.store.headSeq;

    // The anchorer key used outside the ledger: the next range, with a root the log does not give.
    const provider = new JsonRpcProvider(deployed.rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
    const anchor = new Contract(deployed.record.address, ANCHOR_ABI, new Wallet(deployed.anchorerKey, provider));
    await (await anchor.anchor(`0x${'42'.repeat(32)}`, 1, head)).wait();
    provider.destroy();

    const refused = await api.http.post('/v1/anchors', {}, api.adminKey);
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(
      new RegExp(`batch 0 on chain \\(seq 1-${head}\\) has root 0x4242.*but the log gives 0x[0-9a-f]{64}: refusing to copy it`),
    );
    const health = (await api.http.get('/health')).body;
    expect(health).toMatchObject({ status: 'degraded', anchoring: { consecutiveFailures: 1 } });
    expect(health.anchoring.blockedBy).toMatch(/refusing to copy it; anchoring stops until an operator investigates/);
    expect((await api.http.get('/v1/anchors')).body.count).toBe(0);
    expect((await api.http.get(`/v1/credentials/${credential.id}/proof`)).status).toBe(202);
    const records = (await api.app.get<EventStore>(EVENT_STORE).readStream(ANCHOR_STREAM)).map((e) => e.type);
    expect(records).toEqual([]);
  });
});
