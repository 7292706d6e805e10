import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAddress, isAddress } from 'ethers';
import { ConfigError } from '../config/config-error';
import { redactRpcUrl } from '@stackledger/chain';

export { redactRpcUrl };

/**
 * Which chain and contract the API anchors to: the chain variables of apps/api/src/config/variables.ts,
 * combined with the deployment record. Errors name the variable and never contain the key or the
 * RPC URL's credentials.
 */
export interface ChainConfig {
  rpcUrl: string;
  /** Checksummed. */
  contract: string;
  /** Non-enumerable, as `rpcUrl`: JSON.stringify / console.log of the config never show it. */
  privateKey: string;
  confirmations: number;
  publicRpcUrl?: string;
  /** From the deployment record when it describes this contract: the chain it must be on. */
  expectedChainId?: number;
  /** From the deployment record when it describes this contract: no BatchAnchored log can be older. */
  deploymentBlock?: number;
  /** `ANCHOR_CONTRACT`, or the record file the address came from. */
  contractSource: string;
}

/** The chain variables, each already valid on its own (apps/api/src/config/variables.ts). */
export interface ChainSettings {
  CHAIN_RPC_URL?: string;
  ANCHOR_CONTRACT?: string;
  ANCHORER_PRIVATE_KEY?: string;
  ANCHOR_CONFIRMATIONS: number;
  CHAIN_PUBLIC_RPC_URL?: string;
}

/**
 * The record `npm start` (scripts/start-local.ts) writes for the contract it deploys:
 * `<dataDir>/deployment.json`.
 */
export function deploymentRecordPath(dataDir: string): string {
  return join(dataDir, 'deployment.json');
}

/**
 * The chain configuration, or undefined when `CHAIN_RPC_URL` is unset. Throws ConfigError on a
 * partial setting; `dataDir` locates the deployment record that supplies a missing contract.
 */
export function chainConfigFrom(settings: ChainSettings, dataDir: string): ChainConfig | undefined {
  const {
    CHAIN_RPC_URL: rpcUrl,
    ANCHOR_CONTRACT: contractEnv,
    ANCHORER_PRIVATE_KEY: privateKey,
    CHAIN_PUBLIC_RPC_URL: publicRpcUrl,
  } = settings;
  if (!rpcUrl) {
    const stray = [contractEnv && 'ANCHOR_CONTRACT', privateKey && 'ANCHORER_PRIVATE_KEY'].filter(Boolean);
    if (stray.length > 0) {
      throw new ConfigError(
        `${stray.join(' and ')} set but CHAIN_RPC_URL is not: set CHAIN_RPC_URL, or unset ${stray.join(' and ')} to run without anchoring`,
      );
    }
    return undefined;
  }
  if (!privateKey)
    throw new ConfigError('CHAIN_RPC_URL is set but ANCHORER_PRIVATE_KEY is not: give the key that holds ANCHORER_ROLE on the contract');

  const recordFile = deploymentRecordPath(dataDir);
  const record = existsSync(recordFile) ? readRecord(recordFile) : undefined;
  let contract: string;
  let contractSource: string;
  if (contractEnv) {
    contract = contractEnv;
    contractSource = 'ANCHOR_CONTRACT';
  } else if (record) {
    contract = record.address;
    contractSource = recordFile;
  } else {
    throw new ConfigError(
      `CHAIN_RPC_URL is set but no contract: set ANCHOR_CONTRACT, or deploy one (deploy/run.ts) with its record at ${recordFile}`,
    );
  }
  const sameContract = record !== undefined && record.address === contract;

  const config = {
    contract,
    confirmations: settings.ANCHOR_CONFIRMATIONS,
    ...(publicRpcUrl ? { publicRpcUrl } : {}),
    ...(sameContract ? { expectedChainId: record.chainId, deploymentBlock: record.blockNumber } : {}),
    contractSource,
  } as ChainConfig;
  // Neither shows in JSON.stringify or console.log of the config: the key, and an RPC URL that may carry credentials.
  Object.defineProperty(config, 'privateKey', { value: privateKey, enumerable: false, writable: false });
  Object.defineProperty(config, 'rpcUrl', { value: rpcUrl, enumerable: false, writable: false });
  return config;
}

/** One line for start-up logs: no key, no RPC credentials. */
export function describeChainConfig(config: ChainConfig): string {
  return `contract ${config.contract} (from ${config.contractSource}) via ${redactRpcUrl(config.publicRpcUrl ?? config.rpcUrl)}, ${config.confirmations} confirmation(s)`;
}

interface RecordFields {
  address: string;
  chainId: number;
  blockNumber: number;
}

function readRecord(file: string): RecordFields {
  let parsed: Partial<Record<keyof RecordFields, unknown>>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch (error) {
    throw new ConfigError(`deployment record ${file} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { address, chainId, blockNumber } = parsed;
  if (typeof address !== 'string' || !isAddress(address) || !Number.isInteger(chainId) || !Number.isInteger(blockNumber)) {
    throw new ConfigError(`deployment record ${file} lacks a valid address, chainId and blockNumber`);
  }
  return { address: getAddress(address.toLowerCase()), chainId: chainId as number, blockNumber: blockNumber as number };
}
