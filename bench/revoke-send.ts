import { randomBytes } from 'node:crypto';
import { JsonRpcProvider, NonceManager, Wallet, type TransactionResponse } from 'ethers';
import { FetchRpcTransport, revokeCalldata } from '@stackledger/chain';
import { AnchorWriter, TransportProvider } from '@stackledger/chain/writer';
import { MAX_REVOKE_KEYS, revokeGasLimit } from '../apps/api/src/anchoring/anchor-chain.port';
import { deployAnchor } from '../deploy/001_deploy_anchor';
import { devAccount, freePort, startLocalChain } from '../scripts/local-chain';

/**
 * Why the writer sends revocations its own way: milliseconds per 320-key `revoke` on a private
 * Hardhat node, 16 in flight as the revocation pusher sends them, for
 *
 * - `writer`: AnchorWriter.sendRevoke: nonce from NonceManager (`increment`), signed by the
 *   wallet, broadcast raw, receipt polled raw;
 * - `nonceManagerSendAndWait`: NonceManager.sendTransaction and TransactionResponse.wait();
 * - `nonceManagerSendRawReceipt`: NonceManager.sendTransaction, receipt polled raw.
 *
 * All three use the same calldata, fees and transport (the library's fetch transport); the order
 * rotates each round, as the chain grows.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/revoke-send.ts [CHUNKS=50] [ROUNDS=3]
 */
const CHUNKS = Number(process.argv[2] ?? 50);
const ROUNDS = Number(process.argv[3] ?? 3);
const WINDOW = 16;
const freshKeys = () => Array.from({ length: MAX_REVOKE_KEYS }, () => `0x${randomBytes(32).toString('hex')}`);

type Send = () => Promise<() => Promise<unknown>>;

async function msPerChunk(send: Send): Promise<number> {
  const started = Date.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < CHUNKS; i++) {
    const wait = await send();
    inFlight.push(wait());
    if (inFlight.length >= WINDOW) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return (Date.now() - started) / CHUNKS;
}

async function main(): Promise<void> {
  const node = await startLocalChain({ port: await freePort() });
  const plain = new JsonRpcProvider(node.url, node.chainId, { staticNetwork: true, batchMaxCount: 1 });
  const provider = new TransportProvider(new FetchRpcTransport(node.url), node.chainId);
  try {
    const [admin, anchorer] = [0, 1].map(devAccount);
    const { address } = await deployAnchor({
      signer: new Wallet(admin.privateKey, plain),
      admin: admin.address,
      anchorer: anchorer.address,
    });
    const writer = new AnchorWriter(provider, anchorer.privateKey, address);
    const nonces = new NonceManager(new Wallet(anchorer.privateKey, provider));
    const fees = await provider.getFeeData();
    const viaNonceManager = async (): Promise<TransactionResponse> => {
      const keys = freshKeys();
      const tx = { to: address, data: revokeCalldata(keys), gasLimit: revokeGasLimit(keys.length), type: 2, chainId: node.chainId };
      return nonces.sendTransaction({ ...tx, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas });
    };
    const ways: Record<string, Send> = {
      writer: async () => {
        const keys = freshKeys();
        const sent = await writer.sendRevoke(keys, revokeGasLimit(keys.length));
        return () => sent.wait();
      },
      nonceManagerSendAndWait: async () => {
        const response = await viaNonceManager();
        return () => response.wait();
      },
      nonceManagerSendRawReceipt: async () => {
        const response = await viaNonceManager();
        return () => provider.send('eth_getTransactionReceipt', [response.hash]);
      },
    };
    const names = Object.keys(ways);
    const totals = Object.fromEntries(names.map((name) => [name, 0]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length];
        nonces.reset(); // the other ways sent with this key meanwhile
        totals[name] += await msPerChunk(ways[name]);
      }
    }
    const figures = Object.fromEntries(names.map((name) => [name, Math.round((totals[name] / ROUNDS) * 10) / 10]));
    console.log(JSON.stringify({ name: 'revoke-send', unit: 'ms per 320-key revoke', chunks: CHUNKS, rounds: ROUNDS, ...figures }));
  } finally {
    provider.destroy();
    plain.destroy();
    await node.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
