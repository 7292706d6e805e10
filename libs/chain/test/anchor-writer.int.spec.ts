import { Contract, JsonRpcProvider, keccak256, toUtf8Bytes, Wallet } from 'ethers';
import { deployAnchor } from '../../../deploy/001_deploy_anchor';
import { devAccount, freePort, startLocalChain, type LocalChain } from '../../../scripts/local-chain';
import { deployTestAnchor, type TestAnchor } from '../../../test/support/test-chain';
import { ANCHOR_ABI, anchorInterface, ChainUnavailableError, FetchRpcTransport, JsonRpcAnchorReader, type RpcTransport } from '../src';
import { AnchorWriter, TransportProvider } from '../src/writer';

/** The writer on a real Hardhat EVM: the jest run's chain, and a private one where blocks are taken back. */

const key = (label: string) => keccak256(toUtf8Bytes(label));
const GAS = 1_000_000;

/** A transport whose next `eth_sendRawTransaction` fails before reaching the node, as a dropped connection would. */
class FlakyTransport implements RpcTransport {
  failNextBroadcast = false;
  constructor(private readonly inner: RpcTransport) {}
  get endpoint() {
    return this.inner.endpoint;
  }
  send(method: string, params: readonly unknown[]) {
    if (method === 'eth_sendRawTransaction' && this.failNextBroadcast) {
      this.failNextBroadcast = false;
      return Promise.reject(new ChainUnavailableError('connection reset', this.endpoint));
    }
    return this.inner.send(method, params);
  }
}

function writerOn(
  rpcUrl: string,
  chainId: number,
  privateKey: string,
  contract: string,
  transport: RpcTransport = new FetchRpcTransport(rpcUrl),
) {
  const provider = new TransportProvider(transport, chainId, 100);
  return { provider, writer: new AnchorWriter(provider, privateKey, contract, { txTimeoutMs: 5_000, pollingIntervalMs: 100 }) };
}

describe('AnchorWriter on the test chain', () => {
  let deployed: TestAnchor;
  let reader: JsonRpcAnchorReader;
  let transport: FlakyTransport;
  let provider: TransportProvider;
  let writer: AnchorWriter;

  beforeAll(async () => {
    deployed = await deployTestAnchor();
    reader = new JsonRpcAnchorReader(deployed.rpcUrl, deployed.record.address);
    transport = new FlakyTransport(new FetchRpcTransport(deployed.rpcUrl));
    ({ provider, writer } = writerOn(deployed.rpcUrl, deployed.record.chainId, deployed.anchorerKey, deployed.record.address, transport));
  });
  afterAll(() => provider?.destroy());

  it('signs revoke with the wallet as ethers encodes it: the node holds our hash, our calldata, our nonce', async () => {
    const keys = [key('encoding-a'), key('encoding-b')];
    const sent = await writer.sendRevoke(keys, GAS);
    const receipt = await sent.wait();
    const tx = (await provider.getTransaction(sent.txHash))!;
    expect(tx.hash).toBe(sent.txHash);
    expect([tx.from, tx.to, tx.data, tx.type, tx.gasLimit]).toEqual([
      writer.address,
      deployed.record.address,
      anchorInterface.encodeFunctionData('revoke', [keys]),
      2,
      BigInt(GAS),
    ]);
    expect(tx.nonce).toBe((await provider.getTransactionCount(writer.address, 'latest')) - 1);
    expect(await reader.revokedAt(keys[0], BigInt(receipt.blockNumber))).toBeGreaterThan(0n);
  });

  it('after a broadcast that never reached the node, the next transaction takes the nonce it left unused', async () => {
    transport.failNextBroadcast = true;
    await expect(writer.sendRevoke([key('lost')], GAS)).rejects.toThrow(/chain RPC .* unavailable during revoke: connection reset/);
    const next = await writer.sendRevoke([key('after-the-lost-one')], GAS);
    await expect(next.wait()).resolves.toMatchObject({ txHash: next.txHash });
  });

  it("after another process sent with the same key, the next transaction takes the node's count", async () => {
    await (await writer.sendRevoke([key('before-the-other')], GAS)).wait();
    const other = new JsonRpcProvider(deployed.rpcUrl, deployed.record.chainId, { staticNetwork: true, batchMaxCount: 1 });
    try {
      const asOther = new Contract(deployed.record.address, ANCHOR_ABI, new Wallet(deployed.anchorerKey, other));
      await (await asOther.revoke([key('from-the-other')])).wait();
    } finally {
      other.destroy();
    }
    const next = await writer.sendRevoke([key('after-the-other')], GAS);
    await expect(next.wait()).resolves.toMatchObject({ txHash: next.txHash });
    const anchored = await writer.anchor(key('root-after-the-other'), 1, 1);
    expect(await reader.batchCount(BigInt(anchored.blockNumber))).toBe(1n);
  });
});

describe('AnchorWriter when a reorganisation drops its last transaction (private chain)', () => {
  let local: LocalChain;
  beforeAll(async () => {
    local = await startLocalChain({ port: await freePort(), hostname: '127.0.0.1' });
  });
  afterAll(() => local?.stop());

  it('reuses the dropped nonce instead of leaving a gap', async () => {
    const [admin, anchorer] = [0, 1].map(devAccount);
    const plain = new JsonRpcProvider(local.url, local.chainId, { staticNetwork: true, batchMaxCount: 1 });
    const record = await deployAnchor({ signer: new Wallet(admin.privateKey, plain), admin: admin.address, anchorer: anchorer.address });
    const { provider, writer } = writerOn(local.url, local.chainId, anchorer.privateKey, record.address);
    try {
      await writer.anchor(key('first'), 1, 1);
      const snapshot = await plain.send('evm_snapshot', []);
      const dropped = await writer.sendRevoke([key('dropped')], GAS);
      await dropped.wait();
      const droppedNonce = (await plain.getTransaction(dropped.txHash))!.nonce;
      await plain.send('evm_revert', [snapshot]);
      expect(await writer.receiptOf(dropped.txHash)).toBeUndefined();

      const again = await writer.sendRevoke([key('after-the-reorganisation')], GAS);
      await expect(again.wait()).resolves.toMatchObject({ txHash: again.txHash });
      expect((await plain.getTransaction(again.txHash))!.nonce).toBe(droppedNonce);
    } finally {
      provider.destroy();
      plain.destroy();
    }
  });
});
