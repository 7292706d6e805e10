import { Logger } from '@nestjs/common';
import { ChainUnavailableError, redactRpcUrl } from '@stackledger/chain';
import { AnchorChain } from './anchor-chain.port';
import { loadChainConfig } from '../config/app-config';
import { ChainConfig } from './chain-config';
import { EthersAnchorChain } from './ethers-anchor-chain.adapter';
import { LazyAnchorChain } from './lazy-anchor-chain';

/**
 * The chain the configuration names, or null: anchoring off. An unreachable RPC does not stop the
 * API from starting; a misconfiguration (wrong chain, no contract at the address, bad key) does,
 * with the reason.
 */
export async function connectAnchorChain(config: ChainConfig | undefined): Promise<AnchorChain | null> {
  if (!config) return null;
  const connect = () => EthersAnchorChain.connect(config);
  try {
    return await connect();
  } catch (error) {
    if (!(error instanceof ChainUnavailableError)) throw error;
    new Logger('Anchoring').warn(`${error.message}; the API starts anyway and anchoring retries`);
    const rpcUrl = redactRpcUrl(config.publicRpcUrl ?? config.rpcUrl);
    return new LazyAnchorChain(connect, { contract: config.contract, rpcUrl, chainId: config.expectedChainId });
  }
}

/** For tests and tools that hold their own chain variables: the chain they name, its record looked up in `dataDir`. */
export function openAnchorChain(dataDir: string, env: NodeJS.ProcessEnv): Promise<AnchorChain | null> {
  return connectAnchorChain(loadChainConfig(env, dataDir));
}
