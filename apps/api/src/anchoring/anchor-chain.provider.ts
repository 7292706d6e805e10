import { AnchorChain } from './anchor-chain.port';
import { loadChainConfig } from './chain-config';
import { EthersAnchorChain } from './ethers-anchor-chain.adapter';

/** The chain named by the environment (or the local deployment record), or null: anchoring off. */
export async function openAnchorChain(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<AnchorChain | null> {
  const config = loadChainConfig(env, dataDir);
  return config ? EthersAnchorChain.connect(config) : null;
}
