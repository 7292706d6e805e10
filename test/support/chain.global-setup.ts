import {
  anchorArtifactExists,
  compileContracts,
  findRepoRoot,
  freePort,
  PortInUseError,
  startLocalChain,
  type LocalChain,
} from '../../scripts/local-chain';

/**
 * jest globalSetup: ONE local Hardhat node for the whole run (Hardhat's in-process network can be
 * initialised only once per process), on a free 127.0.0.1 port. Test files reach
 * it through `process.env.TEST_CHAIN_RPC_URL` (workers inherit the environment) and deploy their
 * own fresh contract with test/support/test-chain.ts. Compiles the contracts first when
 * artifacts/ lacks StackLedgerAnchor.
 */
export const CHAIN_HANDLE = '__STACKLEDGER_TEST_CHAIN__';

export default async function chainGlobalSetup(): Promise<void> {
  if (process.env.TEST_CHAIN_RPC_URL) return; // an outer runner (or the developer) provides one
  const root = findRepoRoot();
  if (!anchorArtifactExists(root)) await compileContracts(root);
  let chain: LocalChain | undefined;
  for (let attempt = 1; !chain; attempt++) {
    try {
      chain = await startLocalChain({ port: await freePort(), hostname: '127.0.0.1', root });
    } catch (error) {
      // Another process grabbed the port between probing and listening: try another one.
      if (!(error instanceof PortInUseError) || attempt >= 3) throw error;
    }
  }
  (globalThis as Record<string, unknown>)[CHAIN_HANDLE] = chain;
  process.env.TEST_CHAIN_RPC_URL = chain.url;
}
