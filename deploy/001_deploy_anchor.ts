import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ContractFactory, getAddress, JsonRpcProvider, Wallet, type InterfaceAbi, type Signer } from 'ethers';

/**
 * Deploys StackLedgerAnchor with plain ethers and the compiled Hardhat artifact, so the same code
 * serves `hardhat run`, the contract tests (it IS their fixture) and `npm start` (no Hardhat
 * runtime needed there).
 */

/** What a deployment leaves behind: where verifiers look, and who holds which role. */
export interface DeploymentRecord {
  contract: 'StackLedgerAnchor';
  address: string;
  chainId: number;
  blockNumber: number;
  txHash: string;
  admin: string;
  anchorer: string;
  /** Timestamp of the deployment block (chain time, not the deployer's clock), ISO-8601 UTC. */
  deployedAt: string;
}

/** The parts of a Hardhat artifact that deployment needs. */
export interface ContractArtifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
}

export interface DeployAnchorOptions {
  /** The deployer. Either this, or `rpcUrl` + `privateKey`. */
  signer?: Signer;
  rpcUrl?: string;
  privateKey?: string;
  /** Receives DEFAULT_ADMIN_ROLE (the authority). */
  admin: string;
  /** Receives ANCHORER_ROLE (the ledger operator key). */
  anchorer: string;
  /**
   * Deploy even when `admin` and `anchorer` are the same address on a public chain (any chain but
   * the local ones, LOCAL_CHAIN_IDS). Off by default: the anchorer is a hot key on a server, and
   * with the admin role it could hand the contract to anyone. Only for throwaway deployments.
   */
  allowAdminAsAnchorer?: boolean;
  /** Blocks to wait for before the record is written (default 1). */
  confirmations?: number;
  /** Where to write the record as JSON; nothing is written when omitted. */
  outFile?: string;
  /** The compiled artifact; read from artifacts/ when omitted. */
  artifact?: ContractArtifact;
}

const ARTIFACT = join('artifacts', 'contracts', 'StackLedgerAnchor.sol', 'StackLedgerAnchor.json');

/**
 * Reads the compiled artifact, looking from the working directory and from this file's folder
 * (deploy/ in the repo, dist/deploy/ once built). Throws with the fix when it was never compiled.
 */
export function loadAnchorArtifact(): ContractArtifact {
  const candidates = [resolve(ARTIFACT), join(__dirname, '..', ARTIFACT), join(__dirname, '..', '..', ARTIFACT)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`StackLedgerAnchor artifact not found (looked in ${candidates.join(', ')}): run \`npx hardhat compile\``);
  return JSON.parse(readFileSync(found, 'utf8')) as ContractArtifact;
}

/** Local development chains (Hardhat 31337, Ganache and others 1337): one key may hold both roles there. */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];

/**
 * Why a deployment must not go ahead with these roles, or undefined when it may: on a public chain
 * the authority's admin key and the operator's hot anchorer key must differ, unless `allow` says
 * the deployer knows (ALLOW_ADMIN_AS_ANCHORER=1 for deploy/run.ts).
 */
export function roleSeparationProblem(chainId: number, admin: string, anchorer: string, allow = false): string | undefined {
  if (allow || LOCAL_CHAIN_IDS.includes(chainId) || getAddress(admin) !== getAddress(anchorer)) return undefined;
  return (
    `refusing to deploy on chain ${chainId} with ${getAddress(admin)} as both admin and anchorer: the anchorer is a hot key, ` +
    'and with the admin role it could hand the contract to anyone. Give the authority as ANCHOR_ADMIN and the operator key as ANCHORER_ADDRESS, ' +
    'or set ALLOW_ADMIN_AS_ANCHORER=1 (allowAdminAsAnchorer) for a throwaway deployment'
  );
}

function deployerOf(options: DeployAnchorOptions): Signer {
  if (options.signer) return options.signer;
  if (!options.privateKey) throw new Error('deployAnchor needs a signer, or rpcUrl and privateKey');
  return new Wallet(options.privateKey, new JsonRpcProvider(options.rpcUrl ?? 'http://127.0.0.1:8545'));
}

/**
 * Deploys a new StackLedgerAnchor(admin, anchorer), waits for `confirmations` and returns (and,
 * with `outFile`, writes) its deployment record.
 *
 * Preconditions: `admin` and `anchorer` are valid addresses (checksummed in the record); the
 * signer is funded. A new contract is deployed on every call: it never reuses or upgrades one.
 * Throws before sending anything when admin = anchorer on a public chain (`roleSeparationProblem`).
 */
export async function deployAnchor(options: DeployAnchorOptions): Promise<DeploymentRecord> {
  const admin = getAddress(options.admin);
  const anchorer = getAddress(options.anchorer);
  const signer = deployerOf(options);
  const provider = signer.provider;
  if (!provider) throw new Error('the deployer signer must be connected to a provider');
  const chainId = Number((await provider.getNetwork()).chainId);
  const problem = roleSeparationProblem(chainId, admin, anchorer, options.allowAdminAsAnchorer);
  if (problem) throw new Error(problem);
  const { abi, bytecode } = options.artifact ?? loadAnchorArtifact();

  const contract = await new ContractFactory(abi, bytecode, signer).deploy(admin, anchorer);
  const tx = contract.deploymentTransaction();
  if (!tx) throw new Error('deployment transaction missing');
  const receipt = await tx.wait(options.confirmations ?? 1);
  if (!receipt || receipt.status !== 1 || !receipt.contractAddress) throw new Error(`deployment failed in ${tx.hash}`);
  const block = await provider.getBlock(receipt.blockNumber);
  if (!block) throw new Error(`block ${receipt.blockNumber} not found`);

  const record: DeploymentRecord = {
    contract: 'StackLedgerAnchor',
    address: getAddress(receipt.contractAddress),
    chainId,
    blockNumber: receipt.blockNumber,
    txHash: receipt.hash,
    admin,
    anchorer,
    deployedAt: new Date(block.timestamp * 1000).toISOString(),
  };
  if (options.outFile) writeDeploymentRecord(options.outFile, record);
  return record;
}

/** Writes a record as pretty JSON, creating the folder. */
export function writeDeploymentRecord(file: string, record: DeploymentRecord): void {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
}

/** Reads a record written by {@link writeDeploymentRecord}. */
export function readDeploymentRecord(file: string): DeploymentRecord {
  return JSON.parse(readFileSync(file, 'utf8')) as DeploymentRecord;
}
