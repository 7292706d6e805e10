import { Contract, id, JsonRpcProvider, NonceManager, keccak256, toUtf8Bytes, Wallet, zeroPadValue, toBeHex } from 'ethers';
import { ANCHOR_ABI, ChainUnavailableError, ContractCallError } from '@stackledger/chain';
import { deployAnchor, loadAnchorArtifact } from '../../../../deploy/001_deploy_anchor';
import { devAccount, freePort, startLocalChain, type LocalChain } from '../../../../scripts/local-chain';
import { deployTestAnchor, fund, type TestAnchor } from '../../../../test/support/test-chain';
import { AnchorRangeTakenError, MAX_BATCH_SPAN, MAX_REVOKE_KEYS, SentTransaction, TX_GAS_CAP } from './anchor-chain.port';
import { EthersAnchorChain } from './ethers-anchor-chain.adapter';
import { listenBlackhole, listenProxy } from './testing/silent-rpc';

/** Runs against the jest run's local Hardhat node (test/support/chain.global-setup.ts), one fresh contract per describe. */

const root = (n: number) => zeroPadValue(toBeHex(n + 1), 32);
const credentialKey = (label: string) => keccak256(toUtf8Bytes(label));

function providerFor(url: string): JsonRpcProvider {
  return new JsonRpcProvider(url, 31337, { staticNetwork: true, batchMaxCount: 1 });
}

describe('EthersAnchorChain on a local chain', () => {
  let deployment: TestAnchor;
  let chain: EthersAnchorChain;

  beforeAll(async () => {
    deployment = await deployTestAnchor();
    chain = await EthersAnchorChain.connect({
      rpcUrl: deployment.rpcUrl,
      contract: deployment.record.address,
      privateKey: deployment.anchorerKey,
      confirmations: 1,
      pollingIntervalMs: 100,
      deploymentBlock: deployment.record.blockNumber,
    });
  });
  afterAll(() => chain?.close());

  it('reports its location and answers ping', async () => {
    expect(chain.location()).toEqual({ chainId: 31337, contract: deployment.record.address, rpcUrl: deployment.rpcUrl });
    expect(await chain.ping()).toBeGreaterThanOrEqual(deployment.record.blockNumber);
    expect(await chain.batchCount()).toBe(0);
  });

  it('anchors contiguous batches; batch(index) and anchorReceipt(index) give them back', async () => {
    const first = await chain.anchor(root(1), 1, 3);
    const second = await chain.anchor(root(2), 4, 4);
    expect(first.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(second.blockNumber).toBeGreaterThan(first.blockNumber);
    expect(await chain.batchCount()).toBe(2);

    const provider = providerFor(deployment.rpcUrl);
    try {
      for (const [index, receipt, fromSeq, toSeq] of [
        [0, first, 1, 3],
        [1, second, 4, 4],
      ] as const) {
        const block = await provider.getBlock(receipt.blockNumber);
        expect(await chain.batch(index)).toEqual({ index, root: root(index + 1), fromSeq, toSeq, anchoredAt: block!.timestamp });
        expect(await chain.anchorReceipt(index)).toEqual(receipt);
        const tx = await provider.getTransactionReceipt(receipt.txHash);
        expect(tx?.status).toBe(1);
        expect(tx?.from).toBe(new Wallet(deployment.anchorerKey).address);
      }
    } finally {
      provider.destroy();
    }
  });

  it('throws AnchorRangeTakenError when the range is no longer next', async () => {
    const count = await chain.batchCount();
    const last = count === 0 ? 0 : (await chain.batch(count - 1)).toSeq;
    const taken = chain.anchor(root(9), 1, 2);
    await expect(taken).rejects.toBeInstanceOf(AnchorRangeTakenError);
    await expect(taken).rejects.toMatchObject({ expectedFromSeq: last + 1, fromSeq: 1 });
    await expect(chain.anchor(root(9), last + 3, last + 4)).rejects.toMatchObject({
      name: 'AnchorRangeTakenError',
      expectedFromSeq: last + 1,
      fromSeq: last + 3,
    });
    // The failed estimates consumed no nonce: the next range still goes through.
    await chain.anchor(root(10), last + 1, last + 1);
    expect(await chain.batchCount()).toBe(count + 1);
  });

  it('revokes keys at block time, idempotently; unknown keys read 0', async () => {
    const [a, b] = [credentialKey('credential-a'), credentialKey('credential-b')];
    expect(await chain.revokedAt(a)).toBe(0);
    const receipt = await chain.revoke([a, b]);
    const provider = providerFor(deployment.rpcUrl);
    const { timestamp } = (await provider.getBlock(receipt.blockNumber))!;
    provider.destroy();
    expect(await chain.revokedAt(a)).toBe(timestamp);
    expect(await chain.revokedAt(b)).toBe(timestamp);
    await chain.revoke([a]);
    expect(await chain.revokedAt(a)).toBe(timestamp);
    expect(await chain.revokedAt(credentialKey('never-revoked'))).toBe(0);
  });

  it('sends concurrent transactions with distinct nonces', async () => {
    const keys = [1, 2, 3, 4].map((n) => credentialKey(`concurrent-${n}`));
    const receipts = await Promise.all(keys.map((key) => chain.revoke([key])));
    expect(new Set(receipts.map((r) => r.txHash)).size).toBe(4);
    for (const key of keys) expect(await chain.revokedAt(key)).toBeGreaterThan(0);
  });

  it('sends revoke chunks back to back with consecutive nonces, each under half the gas cap, and finds their receipts', async () => {
    const chunks = [0, 1, 2].map((c) => Array.from({ length: MAX_REVOKE_KEYS }, (_, i) => credentialKey(`chunk-${c}-${i}`)));
    const sent: SentTransaction[] = [];
    for (const keys of chunks) sent.push(await chain.sendRevoke(keys));
    const receipts = await Promise.all(sent.map((tx) => tx.wait()));
    const provider = providerFor(deployment.rpcUrl);
    try {
      const txs = await Promise.all(receipts.map((r) => provider.getTransaction(r.txHash)));
      expect(txs.map((tx) => tx!.nonce - txs[0]!.nonce)).toEqual([0, 1, 2]);
      for (const r of receipts)
        expect(Number((await provider.getTransactionReceipt(r.txHash))!.gasUsed)).toBeLessThanOrEqual(TX_GAS_CAP / 2);
    } finally {
      provider.destroy();
    }
    for (const keys of chunks) expect(await chain.revokedAt(keys[keys.length - 1])).toBeGreaterThan(0);
    expect(await chain.receiptOf(receipts[1].txHash)).toEqual(receipts[1]);
    expect(await chain.receiptOf(`0x${'12'.repeat(32)}`)).toBeUndefined();
    await expect(chain.sendRevoke([...chunks[0], credentialKey('one too many')])).rejects.toThrow(
      `more than ${MAX_REVOKE_KEYS} per transaction`,
    );
  });

  it('decodes the range cap: a span of 2^32 seqs is refused', async () => {
    const next = (await chain.batchCount()) === 0 ? 1 : (await chain.batch((await chain.batchCount()) - 1)).toSeq + 1;
    await expect(chain.anchor(root(9), next, next + MAX_BATCH_SPAN)).rejects.toThrow(
      `StackLedgerAnchorRangeTooLarge(${next}, ${next + MAX_BATCH_SPAN}, ${MAX_BATCH_SPAN})`,
    );
  });

  it('rejects bad arguments before touching the chain, and decodes other contract errors', async () => {
    await expect(chain.revoke([])).rejects.toThrow('no credential key');
    await expect(chain.revoke(['0x1234'])).rejects.toThrow('key 0 is not 0x-hex of 32 bytes');
    await expect(chain.anchor('0xabc', 1, 1)).rejects.toThrow('root must be');
    const count = await chain.batchCount();
    await expect(chain.batch(count + 5)).rejects.toThrow(ContractCallError);
    await expect(chain.batch(count + 5)).rejects.toThrow(`StackLedgerAnchorIndexOutOfRange(${count + 5}, ${count})`);
    await expect(chain.anchorReceipt(count + 5)).rejects.toThrow(`no BatchAnchored log for batch ${count + 5}`);
  });

  it('says so when its key lacks ANCHORER_ROLE', async () => {
    const stranger = Wallet.createRandom();
    const provider = providerFor(deployment.rpcUrl);
    await fund(provider, stranger.address);
    provider.destroy();
    const other = await EthersAnchorChain.connect({
      rpcUrl: deployment.rpcUrl,
      contract: deployment.record.address,
      privateKey: stranger.privateKey,
    });
    try {
      await expect(other.revoke([credentialKey('x')])).rejects.toThrow(/AccessControlUnauthorizedAccount.*lacks ANCHORER_ROLE/);
    } finally {
      await other.close();
    }
  });

  it('refuses an address without a contract, and the wrong chain', async () => {
    const options = { rpcUrl: deployment.rpcUrl, privateKey: deployment.anchorerKey };
    await expect(EthersAnchorChain.connect({ ...options, contract: Wallet.createRandom().address })).rejects.toThrow(
      /no contract at 0x[0-9a-fA-F]{40} on chain 31337/,
    );
    await expect(EthersAnchorChain.connect({ ...options, contract: deployment.record.address, expectedChainId: 11155111 })).rejects.toThrow(
      'serves chain 31337, but the contract was deployed on chain 11155111',
    );
  });
});

describe('EthersAnchorChain when the RPC is down or secret', () => {
  let deployment: TestAnchor;
  beforeAll(async () => {
    deployment = await deployTestAnchor();
  });

  it('fails fast with a clear error on a dead RPC URL (nothing listening)', async () => {
    const port = await freePort();
    const started = Date.now();
    const attempt = EthersAnchorChain.connect({
      rpcUrl: `http://127.0.0.1:${port}`,
      contract: deployment.record.address,
      privateKey: deployment.anchorerKey,
    });
    await expect(attempt).rejects.toBeInstanceOf(ChainUnavailableError);
    await expect(attempt).rejects.toThrow(`chain RPC http://127.0.0.1:${port} unavailable during connect`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails fast on an RPC that accepts connections but never answers (per-call timeout)', async () => {
    const blackhole = await listenBlackhole();
    try {
      const started = Date.now();
      const attempt = EthersAnchorChain.connect({
        rpcUrl: `http://127.0.0.1:${blackhole.port}`,
        contract: deployment.record.address,
        privateKey: deployment.anchorerKey,
        requestTimeoutMs: 1_000,
      });
      await expect(attempt).rejects.toThrow(ChainUnavailableError);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await blackhole.close();
    }
  });

  it('keeps API keys out of location() and errors, and fails fast when a connected RPC stops answering', async () => {
    const proxy = await listenProxy(deployment.rpcUrl);
    const secretPath = '/v3/0123456789abcdef0123456789abcdef';
    const rpcUrl = `http://operator:hunter2pass@127.0.0.1:${proxy.port}${secretPath}?apikey=s3cr3t-token`;
    const chain = await EthersAnchorChain.connect({
      rpcUrl,
      contract: deployment.record.address,
      privateKey: deployment.anchorerKey,
      requestTimeoutMs: 1_000,
    });
    try {
      expect(chain.location().rpcUrl).toBe(`http://127.0.0.1:${proxy.port}/v3`);
      expect(proxy.paths()).toContain(`${secretPath}?apikey=s3cr3t-token`); // the real URL is what is used
      expect(await chain.ping()).toBeGreaterThan(0);

      proxy.goDead();
      const started = Date.now();
      const error = (await chain.batchCount().catch((e: unknown) => e)) as Error;
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(ChainUnavailableError);
      const visible = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
      for (const secret of ['hunter2pass', 's3cr3t-token', '0123456789abcdef0123456789abcdef', 'operator'])
        expect(visible).not.toContain(secret);
      const anchorError = (await chain.anchor(root(1), 1, 1).catch((e: unknown) => e)) as Error;
      expect(anchorError).toBeInstanceOf(ChainUnavailableError);
      expect(anchorError.message).not.toContain('s3cr3t');
    } finally {
      await chain.close();
      await proxy.close();
    }
    const withPublic = await EthersAnchorChain.connect({
      rpcUrl: deployment.rpcUrl,
      contract: deployment.record.address,
      privateKey: deployment.anchorerKey,
      publicRpcUrl: 'https://rpc.sepolia.example.org',
    });
    expect(withPublic.location().rpcUrl).toBe('https://rpc.sepolia.example.org');
    await withPublic.close();
  });
});

describe('EthersAnchorChain losing a race after its estimate (private chain, automine off)', () => {
  let local: LocalChain;
  beforeAll(async () => {
    local = await startLocalChain({ port: await freePort(), hostname: '127.0.0.1' });
  });
  afterAll(() => local?.stop());

  it('maps a mined NonContiguousRange revert to AnchorRangeTakenError', async () => {
    const [admin, anchorer, rival] = [0, 1, 2].map(devAccount);
    const provider = providerFor(local.url);
    const deployer = new NonceManager(new Wallet(admin.privateKey, provider));
    const record = await deployAnchor({ signer: deployer, admin: admin.address, anchorer: anchorer.address });
    const asAdmin = new Contract(record.address, loadAnchorArtifact().abi, deployer);
    await (await asAdmin.grantRole(id('ANCHORER_ROLE'), rival.address)).wait();
    const chain = await EthersAnchorChain.connect({
      rpcUrl: local.url,
      contract: record.address,
      privateKey: anchorer.privateKey,
      pollingIntervalMs: 100,
    });
    try {
      await provider.send('evm_setAutomine', [false]);
      const ours = chain.anchor(root(1), 1, 2);
      ours.catch(() => undefined);
      await until(
        async () =>
          ((await provider.send('eth_getBlockByNumber', ['pending', false])) as { transactions: string[] }).transactions.length === 1,
      );
      const asRival = new Contract(record.address, ANCHOR_ABI, new Wallet(rival.privateKey, provider));
      await asRival.anchor(root(2), 1, 3, { gasLimit: 200_000, maxPriorityFeePerGas: 50_000_000_000n, maxFeePerGas: 100_000_000_000n });
      await provider.send('evm_mine', []);
      await expect(ours).rejects.toMatchObject({ name: 'AnchorRangeTakenError', expectedFromSeq: 4, fromSeq: 1 });
      await provider.send('evm_setAutomine', [true]);
      expect(await chain.batch(0)).toMatchObject({ fromSeq: 1, toSeq: 3, root: root(2) });
      // The reverted transaction used its nonce; the next one still goes through.
      expect(await chain.anchor(root(3), 4, 4)).toMatchObject({ blockNumber: expect.any(Number) });
    } finally {
      await provider.send('evm_setAutomine', [true]).catch(() => undefined);
      provider.destroy();
      await chain.close();
    }
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
