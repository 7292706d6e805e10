import 'tsconfig-paths/register';
import '@nomicfoundation/hardhat-toolbox';
import { subtask } from 'hardhat/config';
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from 'hardhat/builtin-tasks/task-names';
import type { HardhatUserConfig, NetworkUserConfig } from 'hardhat/types';

/** The one compiler we ship with: the `solc` npm package (pinned in package.json). */
const SOLC_VERSION = '0.8.28';

/**
 * Hardhat would download solc from binaries.soliditylang.org, which this machine (and CI) cannot
 * reach. We hand it the soljson.js bundled with the `solc` npm package instead, so compilation is
 * fully offline and reproducible. The wasm build emits byte-identical bytecode to the native one.
 */
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require('solc') as { version(): string };
  return {
    compilerPath: require.resolve('solc/soljson.js'),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion: solc.version(),
  };
});

const rpcUrl = process.env.CHAIN_RPC_URL;
const deployerKey = process.env.DEPLOYER_PRIVATE_KEY;

/** A public test chain is configured only when both its RPC URL and a deployer key are given. */
const publicNetworks: Record<string, NetworkUserConfig> =
  rpcUrl && deployerKey ? { sepolia: { url: rpcUrl, accounts: [deployerKey] } } : {};

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    // cancun is solc 0.8.28's default target and is supported by Hardhat's EDR network.
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun' },
  },
  defaultNetwork: 'hardhat',
  networks: {
    hardhat: { chainId: 31337 },
    localhost: { url: rpcUrl ?? 'http://127.0.0.1:8545' },
    ...publicNetworks,
  },
  paths: {
    sources: './contracts',
    tests: './test/contracts',
    cache: './cache',
    artifacts: './artifacts',
  },
  mocha: { timeout: 120_000 },
  typechain: { outDir: 'typechain-types', target: 'ethers-v6' },
  gasReporter: { enabled: process.env.REPORT_GAS === '1' },
};

export default config;
