import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, JsonRpcProvider, NonceManager, Wallet, getAddress } from 'ethers';
import { deployAnchor, loadAnchorArtifact } from '../../deploy/001_deploy_anchor';
import { fund } from '../support/test-chain';
import { buildBatch, bundleOf, keyOf, ledgerEvents, type BuiltBatch } from '../../libs/verifier/src/testing/bundle.fixtures';
import type { ProofBundle } from '../../libs/verifier/src';
import { independentVerify } from './independent-verifier';
import { runLedger, startBadEndpoints, testChain, type BadEndpoints, type TestChain } from './support/cli-test-env';

/**
 * `ledger verify` end to end against a REAL EVM: a Hardhat JSON-RPC node in its own process (the
 * one jest's globalSetup started, else one of our own), fresh anchor contracts deployed by
 * deploy/'s function from fresh funded keys (no nonce shared with other workers), batches built with libs/merkle and anchored on
 * chain, bundles written to files, and the CLI run as a child process.
 */
jest.setTimeout(60_000);

let node: TestChain;
let bad: BadEndpoints;
let provider: JsonRpcProvider;
let contract: string;
let emptyContract: string;
let dir: string;
const files: Record<string, string> = {};
const bundles: Record<string, ProofBundle> = {};

async function anchorOnChain(anchor: Contract, batch: BuiltBatch) {
  const receipt = await (await anchor.anchor(batch.root, batch.fromSeq, batch.toSeq)).wait();
  return { txHash: receipt.hash as string, blockNumber: receipt.blockNumber as number };
}

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
  const signer = Object.assign(new NonceManager(wallet), { address: wallet.address }); // nonces kept here, not re-read
  contract = (await deployAnchor({ signer, admin: signer.address, anchorer: signer.address })).address;
  emptyContract = (await deployAnchor({ signer, admin: signer.address, anchorer: signer.address })).address;
  const anchor = new Contract(contract, loadAnchorArtifact().abi, signer);

  const first = await buildBatch(0, ledgerEvents(1, 7));
  const second = await buildBatch(1, ledgerEvents(8, 4));
  const at0 = await anchorOnChain(anchor, first);
  const at1 = await anchorOnChain(anchor, second);
  const where = (at: { txHash: string; blockNumber: number }) => ({ chainId: 31337, contract, ...at });

  dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
  save('valid', bundleOf(first, 4, where(at0)));
  save('valid2', bundleOf(second, 11, where(at1)));
  const forged = JSON.parse(JSON.stringify(bundles.valid));
  forged.credential.credits = '40.5';
  save('forged', forged);
  save('revoked', bundleOf(first, 5, where(at0)));
  await (await anchor.revoke([keyOf(bundles.revoked)])).wait();
  save('elsewhere', bundleOf(first, 4, { ...where(at0), contract: emptyContract }));
  writeFileSync(join(dir, 'not-json.json'), '{"format": "stackledger-proof/1",');
}, 60_000);

afterAll(async () => {
  provider?.destroy();
  await Promise.all([node?.stop(), bad?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verify = (name: string, ...extra: string[]) =>
  runLedger(['verify', files[name] ?? join(dir, name), '--rpc', node.url, '--contract', contract, ...extra]);

describe('ledger verify against a Hardhat node', () => {
  it('a valid bundle -> exit 0, verdict and facts for people', async () => {
    const run = await verify('valid');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^VALID: the credential is recorded in ledger event 4, anchored in batch 0 on chain 31337/);
    for (const text of [
      'learner-0004',
      'Data Wrangling with SQL 4',
      '4.5',
      bundles.valid.anchor.txHash,
      `block ${bundles.valid.anchor.blockNumber}`,
    ]) {
      expect(run.stdout).toContain(text);
    }
  });

  it('--json: the machine report of a valid bundle in the second batch', async () => {
    const run = await verify('valid2', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      verdict: 'valid',
      code: 'OK',
      exitCode: 0,
      facts: { batchIndex: 1, eventSeq: 11, chainId: 31337, contract, credits: '4.5', anchoredAt: expect.stringMatching(/Z$/) },
      rpc: {
        quorum: 1,
        block: expect.any(Number),
        endpoints: [{ endpoint: expect.stringContaining('rpc #1'), status: 'answered', chainId: 31337 }],
      },
    });
    expect(report.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it('forged credits -> tampered, exit 1', async () => {
    const run = await verify('forged');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^TAMPERED: the credential shown differs from the one recorded in the ledger event/);
    expect(run.stdout).toContain('as the bundle CLAIMS it');
  });

  it('revoked on chain -> revoked with the time, exit 2', async () => {
    const run = await verify('revoked', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'revoked', facts: { revokedAt: expect.stringMatching(/^\d{4}-.*Z$/) } });
  });

  it('expired at --at -> exit 3', async () => {
    const run = await verify('valid', '--at', '2040-01-01');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^EXPIRED: the credential expired at 2033-01-15T10:00:00.000Z/);
  });

  it('a contract that holds no such batch -> not-anchored, exit 4', async () => {
    const run = await runLedger(['verify', files.elsewhere, '--rpc', node.url, '--contract', emptyContract]);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/^NOT-ANCHORED: batch 0 is not anchored/);
  });

  it('a wrong trusted contract address -> wrong-chain, exit 5; an address with no code too', async () => {
    const other = await runLedger(['verify', files.valid, '--rpc', node.url, '--contract', emptyContract]);
    expect(other.code).toBe(5);
    expect(other.stdout).toContain(`not the trusted contract ${emptyContract}`);
    const noCode = getAddress(`0x${'42'.repeat(20)}`);
    const bundle = { ...bundles.valid, anchor: { ...bundles.valid.anchor, contract: noCode } };
    writeFileSync(join(dir, 'no-code.json'), JSON.stringify(bundle));
    const run = await runLedger(['verify', join(dir, 'no-code.json'), '--rpc', node.url, '--contract', noCode, '--json']);
    expect(run.code).toBe(5);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'wrong-chain', code: 'NO_CONTRACT_CODE' });
  });

  it('dead, rate-limited and silent RPCs first, a good one last -> not valid: one endpoint of four cannot decide (exit 6)', async () => {
    const started = Date.now();
    const run = await runLedger([
      'verify',
      files.valid,
      '--rpc',
      bad.refused,
      '--rpc',
      bad.rateLimited,
      '--rpc',
      bad.silent,
      '--rpc',
      node.url,
      '--contract',
      contract,
      '--timeout',
      '700',
      '--json',
    ]);
    expect(run.code).toBe(6);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ verdict: 'unreachable', code: 'QUORUM_NOT_MET' });
    expect(report.reason).toMatch(/only 1 of 4 RPC endpoints answered/);
    expect(report.rpc.endpoints.map((e: { status: string; error?: string }) => [e.status, e.error])).toEqual([
      ['failed', expect.stringContaining('ECONNREFUSED')],
      ['failed', 'rate limited (HTTP 429)'],
      ['failed', 'no answer within 700 ms'],
      ['answered', undefined],
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('only dead RPCs -> unreachable, exit 6', async () => {
    const run = await runLedger(['verify', files.valid, '--rpc', bad.refused, '--rpc', bad.rateLimited, '--contract', contract]);
    expect(run.code).toBe(6);
    expect(run.stdout).toMatch(/^UNREACHABLE: the chain could not be read: all 2 RPC endpoint\(s\) failed/);
  });

  it('bad input: no stack traces, distinct codes', async () => {
    const notJson = await verify('not-json.json');
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toMatch(/^TAMPERED: malformed bundle: .*not-json\.json is not JSON/);
    const missing = await verify('missing.json');
    expect(missing).toMatchObject({ code: 66, stdout: '' });
    expect(missing.stderr).toMatch(/^ledger verify: cannot read .*missing\.json: no such file\n$/);
    const usage = await runLedger(['verify', files.valid, '--rpc', node.url, '--contract', '0x1234']);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('--contract 0x1234 is not a 20-byte 0x-hex address');
    for (const run of [notJson, missing, usage]) expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the CLI agrees with an independent verifier written from the verification rules only', () => {
  it.each([
    ['valid', 'valid', 'trusted contract'],
    ['forged', 'tampered', 'trusted contract'],
    ['revoked', 'revoked', 'trusted contract'],
    ['valid', 'wrong-chain', 'another contract'],
  ])('%s bundle -> %s (%s)', async (name, expected, which) => {
    const trusted = which === 'trusted contract' ? contract : emptyContract;
    const [cli, independent] = await Promise.all([
      runLedger(['verify', files[name], '--rpc', node.url, '--contract', trusted, '--json']),
      independentVerify(bundles[name], node.url, trusted),
    ]);
    expect(independent).toBe(expected);
    expect(JSON.parse(cli.stdout).verdict).toBe(independent);
  });
});
