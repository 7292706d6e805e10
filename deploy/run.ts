import { join } from 'node:path';
import { JsonRpcProvider, Wallet, type Provider, type Signer } from 'ethers';
import { deployAnchor, type DeploymentRecord } from './001_deploy_anchor';

/**
 * Deployment entry point.
 *
 *   npx hardhat run deploy/run.ts --network localhost     # Hardhat picks the network
 *   CHAIN_RPC_URL=... DEPLOYER_PRIVATE_KEY=0x... npx ts-node deploy/run.ts
 *   import { runDeploy } from './deploy/run'             # programmatic, plain ethers
 *
 * Environment: CHAIN_RPC_URL (default http://127.0.0.1:8545), DEPLOYER_PRIVATE_KEY (default: the
 * node's first unlocked account, as on a local Hardhat/anvil node), ANCHOR_ADMIN and
 * ANCHORER_ADDRESS (default: the deployer; fine locally, refused on a public chain, where the
 * authority and the operator's hot key must differ, unless ALLOW_ADMIN_AS_ANCHORER=1 says it is a
 * throwaway deployment), DEPLOY_CONFIRMATIONS (default 1), DEPLOYMENT_FILE (default
 * deployments/<network>.json).
 */
export type DeployEnv = Partial<Record<string, string>>;

/** The slice of the Hardhat runtime we use, typed here so plain ts-node needs no Hardhat type augmentation. */
interface HardhatWithEthers {
  ethers: { provider: Provider; getSigners(): Promise<Signer[]> };
}

interface Deployer {
  signer: Signer;
  network: string;
  /** Releases what we opened (our own JSON-RPC provider), so a programmatic caller's process can exit. */
  dispose(): void;
}

async function deployerFrom(env: DeployEnv): Promise<Deployer> {
  // Under `hardhat run`, HARDHAT_NETWORK names the selected network: reuse its provider.
  if (env.HARDHAT_NETWORK) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hre = require('hardhat') as HardhatWithEthers;
    const signer = env.DEPLOYER_PRIVATE_KEY
      ? new Wallet(env.DEPLOYER_PRIVATE_KEY, hre.ethers.provider)
      : (await hre.ethers.getSigners())[0];
    return { signer, network: env.HARDHAT_NETWORK, dispose: () => undefined };
  }
  const provider = new JsonRpcProvider(env.CHAIN_RPC_URL ?? 'http://127.0.0.1:8545');
  const signer = env.DEPLOYER_PRIVATE_KEY ? new Wallet(env.DEPLOYER_PRIVATE_KEY, provider) : await provider.getSigner(0);
  return { signer, network: `chain-${(await provider.getNetwork()).chainId}`, dispose: () => provider.destroy() };
}

/** Deploys from environment variables and writes the record; returns it. */
export async function runDeploy(env: DeployEnv = process.env): Promise<DeploymentRecord> {
  const confirmations = Number(env.DEPLOY_CONFIRMATIONS ?? '1');
  if (!Number.isInteger(confirmations) || confirmations < 1) throw new Error('DEPLOY_CONFIRMATIONS must be a positive integer');
  const { signer, network, dispose } = await deployerFrom(env);
  try {
    const deployer = await signer.getAddress();
    return await deployAnchor({
      signer,
      admin: env.ANCHOR_ADMIN ?? deployer,
      anchorer: env.ANCHORER_ADDRESS ?? deployer,
      allowAdminAsAnchorer: env.ALLOW_ADMIN_AS_ANCHORER === '1',
      confirmations,
      outFile: env.DEPLOYMENT_FILE ?? join('deployments', `${network}.json`),
    });
  } finally {
    dispose();
  }
}

if (require.main === module) {
  runDeploy()
    .then((record) => {
      console.log(JSON.stringify(record, null, 2));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
