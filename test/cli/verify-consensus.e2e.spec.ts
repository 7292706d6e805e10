import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, JsonRpcProvider, NonceManager, Wallet, toQuantity } from 'ethers';
import { deployAnchor, loadAnchorArtifact } from '../../deploy/001_deploy_anchor';
import { fund } from '../support/test-chain';
import { RpcProxy } from '../reliability/support/rpc-proxy';
import { buildBatch, bundleOf, credentialDoc, keyOf, ledgerEvents } from '../../libs/verifier/src/testing/bundle.fixtures';
import type { ProofBundle } from '../../libs/verifier/src';
import { runLedger, startBadEndpoints, testChain, type BadEndpoints, type TestChain } from './support/cli-test-env';
import { saysChain, saysNeverRevoked, saysRoot, stickAt } from './support/lying-rpc';

/**
 * `ledger verify` with several RPC endpoints, some of them lying or lagging: JSON-RPC proxies on
 * 127.0.0.1 in front of the real Hardhat test chain rewrite one fact (`revokedAt`, `batch`,
 * `eth_chainId`) or pretend to be stuck at an older block. One endpoint must never decide the
 * verdict when two or more were given.
 */
jest.setTimeout(60_000);

let node: TestChain;
let bad: BadEndpoints;
let provider: JsonRpcProvider;
let contract: string;
let dir: string;
let revokedInBlock: number;
let honest: RpcProxy;
let liar: RpcProxy;
let lagging: RpcProxy;
const files: Record<string, string> = {};
const bundles: Record<string, ProofBundle> = {};

function save(name: string, bundle: ProofBundle) {
  bundles[name] = bundle;
  files[name] = join(dir, `${name}.json`);
  writeFileSync(files[name], JSON.stringify(bundle, null, 2));
}

beforeAll(async () => {
  [node, bad] = await Promise.all([testChain(), startBadEndpoints()]);
  provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, batchMaxCount: 1, pollingInterval: 100 });
  const wallet = Wallet.createRandom().connect(provider);
  await fund(provider, wallet.address);
  const signer = Object.assign(new NonceManager(wallet), { address: wallet.address });
  contract = (await deployAnchor({ signer, admin: signer.address, anchorer: signer.address })).address;
  const anchor = new Contract(contract, loadAnchorArtifact().abi, signer);

  const batch = await buildBatch(0, ledgerEvents(1, 7));
  const receipt = await (await anchor.anchor(batch.root, batch.fromSeq, batch.toSeq)).wait();
  const where = { chainId: 31337, contract, txHash: receipt.hash as string, blockNumber: receipt.blockNumber as number };
  dir = mkdtempSync(join(tmpdir(), 'ledger-verify-consensus-'));
  save('valid', bundleOf(batch, 4, where));
  save('revoked', bundleOf(batch, 5, where));
  revokedInBlock = (await (await anchor.revoke([keyOf(bundles.revoked)])).wait()).blockNumber;
  // A forgery with a self-consistent tree: only a lie about batch 0's root makes it look anchored.
  const forgedEvents = ledgerEvents(1, 7).map((e) =>
    e.seq === 4 ? { ...e, data: { credential: credentialDoc(4, { credits: '40' }) } } : e,
  );
  save('forged', bundleOf(await buildBatch(0, forgedEvents), 4, where));
  save('names-chain-1', { ...bundles.valid, anchor: { ...bundles.valid.anchor, chainId: 1 } });

  [honest, liar, lagging] = await Promise.all([RpcProxy.start(node.url), RpcProxy.start(node.url), RpcProxy.start(node.url)]);
}, 60_000);

beforeEach(() => {
  for (const proxy of [honest, liar, lagging]) {
    proxy.onCall(undefined);
    proxy.onAnswer(undefined);
  }
});

afterAll(async () => {
  provider?.destroy();
  await Promise.all([honest?.close(), liar?.close(), lagging?.close(), bad?.close(), node?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verify = (name: string, rpcs: string[], ...extra: string[]) =>
  runLedger(['verify', files[name], ...rpcs.flatMap((url) => ['--rpc', url]), '--contract', contract, ...extra]);
const verifyJson = async (name: string, rpcs: string[], ...extra: string[]) => {
  const run = await verify(name, rpcs, '--json', ...extra);
  return { code: run.code, report: JSON.parse(run.stdout), stderr: run.stderr };
};

describe('a lying RPC listed before an honest one', () => {
  it('answers revokedAt = 0: a revoked credential is inconsistent (exit 9), naming the fact and both endpoints', async () => {
    liar.onAnswer(saysNeverRevoked);
    const { code, report } = await verifyJson('revoked', [liar.url, node.url]);
    expect(code).toBe(9);
    expect(report).toMatchObject({ verdict: 'inconsistent', code: 'INCONSISTENT_REVOKED_AT', exitCode: 9 });
    expect(report.disagreement).toMatchObject({
      fact: 'revokedAt',
      block: expect.any(Number),
      answers: [
        { endpoint: expect.stringMatching(/^rpc #1 /), answer: '0 (not revoked)' },
        { endpoint: expect.stringMatching(/^rpc #2 /), answer: expect.stringMatching(/^\d+ \(revoked at \d{4}-.*Z\)$/) },
      ],
    });
    const human = await verify('revoked', [liar.url, node.url]);
    expect(human.code).toBe(9);
    expect(human.stdout).toMatch(
      /^INCONSISTENT: the RPC endpoints disagree on revokedAt\(0x[0-9a-f]{64}\) at block \d+: rpc #1 .* says 0 \(not revoked\); rpc #2 .* says \d+ \(revoked at/,
    );
    expect(human.stdout).toContain('as the bundle CLAIMS it');
  });

  it('answers another batch root: a valid bundle is inconsistent (INCONSISTENT_BATCH), not valid and not not-anchored', async () => {
    liar.onAnswer(saysRoot(`0x${'77'.repeat(32)}`));
    const { code, report } = await verifyJson('valid', [liar.url, node.url]);
    expect(code).toBe(9);
    expect(report).toMatchObject({ verdict: 'inconsistent', code: 'INCONSISTENT_BATCH', disagreement: { fact: 'batch' } });
    expect(report.disagreement.answers[0].answer).toContain(`root 0x${'77'.repeat(32)}`);
  });
});

describe('the honest RPC down, a liar up, two given', () => {
  it('neither the revoked credential nor the forged bundle verifies valid: unreachable (exit 6), only 1 of 2 answered', async () => {
    liar.onAnswer(saysNeverRevoked);
    const revoked = await verifyJson('revoked', [bad.refused, liar.url]);
    liar.onAnswer(saysRoot(bundles.forged.merkle.batch.root));
    const forged = await verifyJson('forged', [liar.url, bad.refused]);
    for (const { code, report } of [revoked, forged]) {
      expect(code).toBe(6);
      expect(report).toMatchObject({ verdict: 'unreachable', code: 'QUORUM_NOT_MET' });
      expect(report.reason).toMatch(/only 1 of 2 RPC endpoints answered/);
      expect(report.reason).toContain('ECONNREFUSED');
    }
    // The liar is effective: trusted alone (one endpoint given, the employer's choice), it fools.
    expect((await verify('forged', [liar.url])).code).toBe(0);
  });
});

describe('honest endpoints', () => {
  it('two agree: valid (exit 0), every fact read at the one block the report names', async () => {
    const tags = new Set<unknown>();
    honest.onCall((call) => {
      if (call.method === 'eth_call' || call.method === 'eth_getCode') tags.add(call.params?.[1]);
      return call;
    });
    const { code, report } = await verifyJson('valid', [honest.url, node.url]);
    expect(code).toBe(0);
    expect(report.rpc).toMatchObject({ quorum: 2, block: expect.any(Number) });
    expect(report.rpc.endpoints.map((e: { status: string }) => e.status)).toEqual(['answered', 'answered']);
    expect([...tags]).toEqual([toQuantity(report.rpc.block)]);
    const revoked = await verifyJson('revoked', [honest.url, node.url]);
    expect(revoked).toMatchObject({ code: 2, report: { verdict: 'revoked' } });
  });

  it('a dead and a silent RPC beside two honest ones cost one timeout: valid', async () => {
    const started = Date.now();
    const { code, report } = await verifyJson('valid', [bad.refused, bad.silent, honest.url, node.url], '--timeout', '700');
    expect(code).toBe(0);
    expect(report.rpc.endpoints.map((e: { status: string }) => e.status)).toEqual(['failed', 'failed', 'answered', 'answered']);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('a lagging RPC', () => {
  it('a few blocks behind (within --max-lag): both read at its block, valid', async () => {
    await provider.send('hardhat_mine', [toQuantity(4)]); // the lagging node's block comes after the anchoring
    const head = Number(await provider.send('eth_blockNumber', [])); // not getBlockNumber(): ethers may answer from its cache
    stickAt(lagging, head - 2);
    const { code, report } = await verifyJson('valid', [node.url, lagging.url], '--max-lag', '64');
    expect(code).toBe(0);
    expect(report.rpc).toMatchObject({ block: head - 2, endpoints: [{ status: 'answered' }, { status: 'answered', head: head - 2 }] });
  });

  it('stuck before the revocation, further behind than --max-lag: set aside, never hides the revocation', async () => {
    await provider.send('hardhat_mine', [toQuantity(32)]);
    stickAt(lagging, revokedInBlock - 1);
    const two = await verifyJson('revoked', [lagging.url, node.url]);
    expect(two).toMatchObject({ code: 6, report: { verdict: 'unreachable', code: 'QUORUM_NOT_MET' } });
    expect(two.report.reason).toMatch(/rpc #1 .* lags \d+ blocks behind the newest block \d+ \(more than 12\)/);
    const three = await verifyJson('revoked', [lagging.url, honest.url, node.url]);
    expect(three).toMatchObject({ code: 2, report: { verdict: 'revoked' } });
    expect(three.report.rpc.endpoints.map((e: { status: string }) => e.status)).toEqual(['lagging', 'answered', 'answered']);
  });
});

describe('--chain-id pins the chain', () => {
  it('the bundle anchored on another chain than the pinned one: wrong-chain (exit 5), before any RPC is asked', async () => {
    const { code, report } = await verifyJson('valid', [honest.url, node.url], '--chain-id', '1');
    expect(code).toBe(5);
    expect(report).toMatchObject({ verdict: 'wrong-chain', code: 'CHAIN_ID_MISMATCH' });
    expect(report.reason).toBe('the bundle was anchored on chain 31337, not on the pinned chain 1');
  });

  it('an endpoint serving another chain: wrong-chain, even when the bundle names that chain', async () => {
    liar.onAnswer(saysChain(1));
    const namesIt = await verifyJson('names-chain-1', [liar.url], '--chain-id', '31337');
    expect(namesIt).toMatchObject({ code: 5, report: { verdict: 'wrong-chain', code: 'CHAIN_ID_MISMATCH' } });
    const beside = await verifyJson('valid', [node.url, liar.url], '--chain-id', '31337');
    expect(beside).toMatchObject({ code: 5, report: { verdict: 'wrong-chain', code: 'CHAIN_ID_MISMATCH' } });
    expect(beside.report.reason).toMatch(/^rpc #2 .* serves chain 1, not the pinned chain 31337/);
    // Unpinned, the same two endpoints disagree about the chain itself.
    const unpinned = await verifyJson('valid', [node.url, liar.url]);
    expect(unpinned).toMatchObject({ code: 9, report: { verdict: 'inconsistent', code: 'INCONSISTENT_CHAIN_ID' } });
  });

  it('the right pin with two honest endpoints: valid', async () => {
    expect((await verify('valid', [honest.url, node.url], '--chain-id', '31337')).code).toBe(0);
  });
});
