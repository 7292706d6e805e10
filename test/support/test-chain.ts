import { JsonRpcProvider, toBeHex, Wallet } from 'ethers';
import { deployAnchor, type DeploymentRecord } from '../../deploy/001_deploy_anchor';
import { chainIdOf } from '../../scripts/local-chain';

/**
 * A FRESH StackLedgerAnchor for one test file, on the chain jest's globalSetup started.
 *
 * Each call deploys from brand-new random keys funded with `hardhat_setBalance` (no funding
 * transaction, so no shared sender): parallel jest workers, and parallel calls in one file, never
 * compete for a nonce. The admin deploys; the anchorer holds ANCHORER_ROLE.
 */
export interface TestAnchor {
  record: DeploymentRecord;
  anchorerKey: string;
  adminKey: string;
  rpcUrl: string;
}

const BALANCE = toBeHex(10n ** 21n); // 1000 ETH

export function testChainUrl(): string {
  const url = process.env.TEST_CHAIN_RPC_URL;
  if (!url) {
    throw new Error(
      'TEST_CHAIN_RPC_URL is not set: run jest with --globalSetup ./test/support/chain.global-setup.ts --globalTeardown ./test/support/chain.global-teardown.ts',
    );
  }
  return url;
}

export async function deployTestAnchor(): Promise<TestAnchor> {
  const rpcUrl = testChainUrl();
  const admin = Wallet.createRandom();
  const anchorer = Wallet.createRandom();
  // Generous: the one node serves every test file, and a loaded machine slows it down.
  const chainId = await chainIdOf(rpcUrl, 30_000);
  if (chainId === undefined) throw new Error(`the test chain at ${rpcUrl} does not answer eth_chainId`);
  const provider = new JsonRpcProvider(rpcUrl, chainId, { staticNetwork: true, batchMaxCount: 1, pollingInterval: 200 });
  try {
    await fund(provider, admin.address, anchorer.address);
    const record = await deployAnchor({
      signer: admin.connect(provider),
      admin: admin.address,
      anchorer: anchorer.address,
      confirmations: 1,
    });
    return { record, anchorerKey: anchorer.privateKey, adminKey: admin.privateKey, rpcUrl };
  } finally {
    provider.destroy();
  }
}

/** Gives `addresses` 1000 ETH each on the test chain (Hardhat and anvil both understand hardhat_setBalance). */
export async function fund(provider: JsonRpcProvider, ...addresses: string[]): Promise<void> {
  for (const address of addresses) await provider.send('hardhat_setBalance', [address, BALANCE]);
}
