import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getAddress, isAddress, SigningKey } from 'ethers';
import { redactRpcUrl } from '@stackledger/chain';

export { redactRpcUrl };

/**
 * Which chain and contract the API anchors to, from the environment (SPEC section 9):
 *
 * | variable | meaning |
 * |---|---|
 * | `CHAIN_RPC_URL` | JSON-RPC endpoint; unset = no chain (the API runs, anchoring is disabled) |
 * | `ANCHOR_CONTRACT` | StackLedgerAnchor address; default: `address` of `<DATA_DIR>/deployment.json` |
 * | `ANCHORER_PRIVATE_KEY` | the key holding ANCHORER_ROLE (0x + 64 hex) |
 * | `ANCHOR_CONFIRMATIONS` | blocks to wait for after each transaction (default 1) |
 * | `CHAIN_PUBLIC_RPC_URL` | the URL put in proofs for verifiers; default: `CHAIN_RPC_URL` without credentials |
 *
 * Errors name the variable and never contain the key or the RPC URL's credentials.
 */
export interface ChainConfig {
  rpcUrl: string;
  /** Checksummed. */
  contract: string;
  /** Non-enumerable: JSON.stringify / console.log of the config never show it. */
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

export class ChainConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainConfigError';
  }
}

/**
 * The record `npm start` (scripts/start-local.ts) writes for the contract it deploys:
 * `<dataDir>/deployment.json`, dataDir defaulting to `DATA_DIR` as loadConfig() resolves it.
 */
export function deploymentRecordPath(env: NodeJS.ProcessEnv = process.env, dataDir?: string): string {
  return join(resolve(dataDir ?? (env.DATA_DIR || join(process.cwd(), '.data'))), 'deployment.json');
}

/**
 * The chain configuration, or undefined when `CHAIN_RPC_URL` is unset. Throws ChainConfigError on
 * bad or partial settings. `dataDir` (the app config's) locates the deployment record; default DATA_DIR.
 */
export function loadChainConfig(env: NodeJS.ProcessEnv = process.env, dataDir?: string): ChainConfig | undefined {
  const rpcUrl = env.CHAIN_RPC_URL?.trim() || undefined;
  const contractEnv = env.ANCHOR_CONTRACT?.trim() || undefined;
  const keyEnv = env.ANCHORER_PRIVATE_KEY?.trim() || undefined;
  if (!rpcUrl) {
    const stray = [contractEnv && 'ANCHOR_CONTRACT', keyEnv && 'ANCHORER_PRIVATE_KEY'].filter(Boolean);
    if (stray.length > 0) {
      throw new ChainConfigError(`${stray.join(' and ')} set but CHAIN_RPC_URL is not: set CHAIN_RPC_URL, or unset ${stray.join(' and ')} to run without anchoring`);
    }
    return undefined;
  }
  checkRpcUrl('CHAIN_RPC_URL', rpcUrl);
  const publicRpcUrl = env.CHAIN_PUBLIC_RPC_URL?.trim() || undefined;
  if (publicRpcUrl) checkRpcUrl('CHAIN_PUBLIC_RPC_URL', publicRpcUrl);

  if (!keyEnv) throw new ChainConfigError('CHAIN_RPC_URL is set but ANCHORER_PRIVATE_KEY is not: give the key that holds ANCHORER_ROLE on the contract');
  const privateKey = normalizePrivateKey(keyEnv);
  const confirmations = positiveInt(env, 'ANCHOR_CONFIRMATIONS', 1);

  const recordFile = deploymentRecordPath(env, dataDir);
  const record = existsSync(recordFile) ? readRecord(recordFile) : undefined;
  let contract: string;
  let contractSource: string;
  if (contractEnv) {
    if (!isAddress(contractEnv)) throw new ChainConfigError(`ANCHOR_CONTRACT is not an address (or its mixed-case checksum is wrong): "${contractEnv}"`);
    contract = getAddress(contractEnv.toLowerCase());
    contractSource = 'ANCHOR_CONTRACT';
  } else if (record) {
    contract = record.address;
    contractSource = recordFile;
  } else {
    throw new ChainConfigError(
      `CHAIN_RPC_URL is set but no contract: set ANCHOR_CONTRACT, or deploy one (deploy/run.ts) with its record at ${recordFile}`,
    );
  }
  const sameContract = record !== undefined && record.address === contract;

  const config: ChainConfig = {
    rpcUrl,
    contract,
    privateKey: '',
    confirmations,
    ...(publicRpcUrl ? { publicRpcUrl } : {}),
    ...(sameContract ? { expectedChainId: record.chainId, deploymentBlock: record.blockNumber } : {}),
    contractSource,
  };
  Object.defineProperty(config, 'privateKey', { value: privateKey, enumerable: false, writable: false });
  return config;
}

/** One line for start-up logs: no key, no RPC credentials. */
export function describeChainConfig(config: ChainConfig): string {
  return `contract ${config.contract} (from ${config.contractSource}) via ${redactRpcUrl(config.publicRpcUrl ?? config.rpcUrl)}, ${config.confirmations} confirmation(s)`;
}

function checkRpcUrl(name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ChainConfigError(`${name} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ChainConfigError(`${name} must be an http(s) JSON-RPC URL, got ${url.protocol}//… (${redactRpcUrl(value)})`);
  }
}

const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function normalizePrivateKey(raw: string): string {
  const hex = raw.startsWith('0x') || raw.startsWith('0X') ? raw.slice(2) : raw;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ChainConfigError(`ANCHORER_PRIVATE_KEY must be 32 bytes as 0x followed by 64 hex digits (got ${raw.length} characters)`);
  }
  const key = `0x${hex.toLowerCase()}`;
  const scalar = BigInt(key);
  let valid = scalar > 0n && scalar < SECP256K1_ORDER;
  try {
    if (valid) SigningKey.computePublicKey(key);
  } catch {
    valid = false;
  }
  if (!valid) throw new ChainConfigError('ANCHORER_PRIVATE_KEY is not a valid secp256k1 private key (zero, or not below the curve order)');
  return key;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ChainConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
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
    throw new ChainConfigError(`deployment record ${file} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { address, chainId, blockNumber } = parsed;
  if (typeof address !== 'string' || !isAddress(address) || !Number.isInteger(chainId) || !Number.isInteger(blockNumber)) {
    throw new ChainConfigError(`deployment record ${file} lacks a valid address, chainId and blockNumber`);
  }
  return { address: getAddress(address.toLowerCase()), chainId: chainId as number, blockNumber: blockNumber as number };
}
