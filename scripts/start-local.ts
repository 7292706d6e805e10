import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { JsonRpcProvider, toQuantity, Wallet } from 'ethers';
import { deployAnchor, type DeploymentRecord } from '../deploy/001_deploy_anchor';
import { describeChainConfig } from '../apps/api/src/anchoring/chain-config';
import { AppConfig, loadConfig } from '../apps/api/src/config/app-config';
import { prepareDataDir } from '../apps/api/src/config/data-dir';
import { startApi, type RunningApi } from '../apps/api/src/main';
import { devAccount, LOCAL_ANCHORER_INDEX, LOCAL_DEPLOYER_INDEX, PortInUseError, startLocalChain, type LocalChain } from './local-chain';

/**
 * `npm start`: with no `CHAIN_RPC_URL`, starts a local Hardhat node on
 * 127.0.0.1:`CHAIN_PORT` (default 8545), deploys a new StackLedgerAnchor (admin = dev account #0,
 * anchorer = #1), writes `<DATA_DIR>/deployment.json`, points CHAIN_RPC_URL / ANCHOR_CONTRACT /
 * ANCHORER_PRIVATE_KEY at it (in the API's configuration; the process environment is left alone),
 * then starts the API. With `CHAIN_RPC_URL` set it only starts the API on that chain.
 * SIGINT / SIGTERM stop the API, then the chain.
 *
 * A local chain lives as long as this process: every start is a new chain and a NEW contract
 * address (the deployer's nonce is randomised), so the ledger re-anchors from seq 1 into it and
 * its records for earlier local contracts stay history.
 *
 * Runs from dist/scripts/start-local.js once built, or via
 * `node -r ts-node/register/transpile-only -r tsconfig-paths/register scripts/start-local.ts`.
 */
export interface LocalStack {
  api: RunningApi;
  chain?: LocalChain;
  deployment?: DeploymentRecord;
  stop(): Promise<void>;
}

export async function startLocal(env: NodeJS.ProcessEnv = process.env): Promise<LocalStack> {
  const extraLines: string[] = [];
  let chain: LocalChain | undefined;
  let deployment: DeploymentRecord | undefined;
  try {
    let config: AppConfig;
    if (!env.CHAIN_RPC_URL?.trim()) {
      // Every other variable is checked before a chain starts. ANCHOR_CONTRACT and ANCHORER_PRIVATE_KEY
      // would name another chain's contract and key: the local chain's replace them.
      const { dataDir, localChainPort: port } = loadConfig({ ...env, ANCHOR_CONTRACT: '', ANCHORER_PRIVATE_KEY: '' });
      try {
        chain = await startLocalChain({ port, hostname: '127.0.0.1' });
      } catch (error) {
        if (error instanceof PortInUseError) {
          throw new Error(
            `cannot start the local chain: 127.0.0.1:${port} is already in use (another Hardhat node, or an earlier npm start still running?). ` +
              'Set CHAIN_PORT to a free port, or CHAIN_RPC_URL, ANCHOR_CONTRACT and ANCHORER_PRIVATE_KEY to use a chain that is already running.',
          );
        }
        throw error;
      }
      prepareDataDir(dataDir); // before the deployment record creates it with the default mode
      deployment = await deployLocalAnchor(chain, join(dataDir, 'deployment.json'));
      const anchorerKey = devAccount(LOCAL_ANCHORER_INDEX).privateKey;
      config = loadConfig({ ...env, CHAIN_RPC_URL: chain.url, ANCHOR_CONTRACT: deployment.address, ANCHORER_PRIVATE_KEY: anchorerKey });
      extraLines.push(
        `Chain             ${chain.url}   (local Hardhat node, chain id ${chain.chainId}; stops with this process)`,
        `Anchor contract   ${deployment.address}   (record in ${join(dataDir, 'deployment.json')})`,
      );
    } else {
      config = loadConfig(env);
      if (config.chain) extraLines.push(`Chain             ${describeChainConfig(config.chain)}`);
    }
    const api = await startApi({ config, extraLines });
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await api.close().catch((error: unknown) => process.stderr.write(`closing the API: ${String(error)}\n`));
        await chain?.stop();
      })());
    return { api, chain, deployment, stop };
  } catch (error) {
    await chain?.stop();
    throw error;
  }
}

/**
 * Deploys from dev account #0 after moving its nonce to a random value, so each new local chain
 * gets a contract address of its own (the ledger keys its anchor records by chain id + address;
 * a reused address would look like the old contract with its batches gone).
 */
async function deployLocalAnchor(chain: LocalChain, outFile: string): Promise<DeploymentRecord> {
  const provider = new JsonRpcProvider(chain.url, chain.chainId, { staticNetwork: true, batchMaxCount: 1, pollingInterval: 250 });
  try {
    const deployer = devAccount(LOCAL_DEPLOYER_INDEX);
    await provider.send('hardhat_setNonce', [deployer.address, toQuantity(randomInt(1, 2 ** 24))]);
    return await deployAnchor({
      signer: new Wallet(deployer.privateKey, provider),
      admin: deployer.address,
      anchorer: devAccount(LOCAL_ANCHORER_INDEX).address,
      confirmations: 1,
      outFile,
    });
  } finally {
    provider.destroy();
  }
}

if (require.main === module) {
  startLocal()
    .then((stack) => {
      const onSignal = (signal: NodeJS.Signals) => {
        // Nest's own shutdown hooks also see the signal (and re-raise it once done): ours keeps the
        // process alive until the chain is stopped too, then exits.
        stack.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`StackLedger stop after ${signal} failed: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    })
    .catch((error: unknown) => {
      process.stderr.write(`StackLedger failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
