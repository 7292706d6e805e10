import { getAddress, isAddress, Wallet } from 'ethers';
import { ChainUnavailableError, FetchRpcTransport, JsonRpcAnchorReader, redactRpcUrl } from '@stackledger/chain';
import { AnchorWriter, TransportProvider } from '@stackledger/chain/writer';
import { ChainLocation } from './anchor-chain.port';

export interface EthersAnchorChainOptions {
  rpcUrl: string;
  /** StackLedgerAnchor address. */
  contract: string;
  /** Key holding ANCHORER_ROLE. */
  privateKey: string;
  /** Blocks to wait for after each transaction (default 1). */
  confirmations?: number;
  /** What location() reports to verifiers; default: rpcUrl without credentials. */
  publicRpcUrl?: string;
  /** Ceiling on each JSON-RPC request, connect included (default 10 s). */
  requestTimeoutMs?: number;
  /** How long anchor()/revoke() wait for their confirmations before failing (default 10 min). */
  txTimeoutMs?: number;
  /** Block polling while waiting for a transaction (default 1 s). */
  pollingIntervalMs?: number;
  /** connect() refuses another chain (e.g. a deployment record's chainId). */
  expectedChainId?: number;
  /** Oldest block that can hold a BatchAnchored log (the deployment block; default 0). */
  deploymentBlock?: number;
}

/** The reader and the writer of one anchorer on one endpoint, and where verifiers are told to look. */
export interface ChainConnection {
  readonly location: ChainLocation;
  readonly reader: JsonRpcAnchorReader;
  readonly writer: AnchorWriter;
  close(): void;
}

/**
 * Checks the settings, asks the endpoint for its chain id (bounded by `requestTimeoutMs`: a dead
 * endpoint fails fast) and whether a contract is deployed at `contract`, and returns the
 * connection. Throws ChainUnavailableError when the endpoint cannot answer; a plain Error for a
 * setting that cannot work (wrong chain, no contract, a bad key).
 */
export async function connectChain(options: EthersAnchorChainOptions): Promise<ChainConnection> {
  const confirmations = options.confirmations ?? 1;
  if (!Number.isInteger(confirmations) || confirmations < 1) throw new Error('confirmations must be a positive integer');
  if (!isAddress(options.contract)) throw new Error('contract is not an address');
  try {
    new Wallet(options.privateKey);
  } catch {
    throw new Error('the anchorer private key is not a valid secp256k1 key');
  }
  // A throttled (429) endpoint is retried once within the timeout.
  const transport = new FetchRpcTransport(options.rpcUrl, { timeoutMs: options.requestTimeoutMs ?? 10_000, rateLimitRetries: 1 });
  const contract = getAddress(options.contract.toLowerCase());
  const reader = new JsonRpcAnchorReader(transport, contract);
  const during = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw error instanceof ChainUnavailableError ? ChainUnavailableError.during('connect', error) : error;
    }
  };

  const chainId = Number(await during(() => reader.chainId()));
  if (options.expectedChainId !== undefined && options.expectedChainId !== chainId) {
    throw new Error(
      `chain RPC ${transport.endpoint} serves chain ${chainId}, but the contract was deployed on chain ${options.expectedChainId}`,
    );
  }
  const code = await during(() => reader.code(contract, 'latest'));
  if (code === '0x')
    throw new Error(
      `no contract at ${contract} on chain ${chainId} (${transport.endpoint}): wrong ANCHOR_CONTRACT, or a restarted local chain`,
    );

  const provider = new TransportProvider(transport, chainId, options.pollingIntervalMs ?? 1_000);
  const writer = new AnchorWriter(provider, options.privateKey, contract, {
    confirmations,
    txTimeoutMs: options.txTimeoutMs,
    pollingIntervalMs: options.pollingIntervalMs,
  });
  const rpcUrl = options.publicRpcUrl ? redactRpcUrl(options.publicRpcUrl) : transport.endpoint;
  const location: ChainLocation = { chainId, contract, rpcUrl };
  return { location, reader, writer, close: () => provider.destroy() };
}
