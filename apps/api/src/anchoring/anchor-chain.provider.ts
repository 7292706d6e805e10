import { Logger } from '@nestjs/common';
import { ChainUnavailableError, redactRpcUrl } from '@stackledger/chain';
import { AnchorChain } from './anchor-chain.port';
import { loadChainConfig } from './chain-config';
import { EthersAnchorChain } from './ethers-anchor-chain.adapter';
import { LazyAnchorChain } from './lazy-anchor-chain';

/**
 * The chain named by the environment (or the local deployment record), or null: anchoring off.
 * An unreachable RPC does not stop the API from starting; a misconfiguration (wrong chain, no
 * contract at the address, bad key) does, with the reason.
 */
export async function openAnchorChain(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<AnchorChain | null> {
  const config = loadChainConfig(env, dataDir);
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
