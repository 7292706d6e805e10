import type { LocalChain } from '../../scripts/local-chain';

/** jest globalTeardown: stops the chain chain.global-setup.ts started (globalSetup and globalTeardown share this process). */
export default async function chainGlobalTeardown(): Promise<void> {
  const handle = '__STACKLEDGER_TEST_CHAIN__';
  const chain = (globalThis as Record<string, unknown>)[handle] as LocalChain | undefined;
  if (!chain) return;
  delete (globalThis as Record<string, unknown>)[handle];
  delete process.env.TEST_CHAIN_RPC_URL;
  await chain.stop();
}
