import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import { freePort, startLocalChain } from '../../../scripts/local-chain';

export const ROOT = join(__dirname, '..', '..', '..');

export interface TestChain {
  url: string;
  stop(): Promise<void>;
}

/**
 * The Hardhat JSON-RPC node jest's globalSetup started (TEST_CHAIN_RPC_URL), or, when this file
 * runs without it, one of our own on a free 127.0.0.1 port.
 */
export async function testChain(): Promise<TestChain> {
  const shared = process.env.TEST_CHAIN_RPC_URL;
  if (shared) return { url: shared, stop: async () => undefined };
  const chain = await startLocalChain({ port: await freePort(), hostname: '127.0.0.1', root: ROOT });
  return { url: chain.url, stop: () => chain.stop() };
}

/** Local endpoints that fail as real ones do: refusing, rate-limiting (429), or never answering. */
export interface BadEndpoints {
  refused: string;
  rateLimited: string;
  silent: string;
  close(): Promise<void>;
}

export async function startBadEndpoints(): Promise<BadEndpoints> {
  const refused = `http://127.0.0.1:${await freePort()}/`;
  const limiter = createHttpServer((_req, res) => res.writeHead(429, { 'retry-after': '60' }).end('Too Many Requests'));
  const silent = createHttpServer(() => undefined); // accepts, never answers
  for (const s of [limiter, silent]) {
    s.listen(0, '127.0.0.1');
    await once(s, 'listening');
  }
  const url = (s: Server) => `http://127.0.0.1:${(s.address() as { port: number }).port}/`;
  return {
    refused,
    rateLimited: url(limiter),
    silent: url(silent),
    close: async () => {
      for (const s of [limiter, silent]) {
        s.closeAllConnections();
        s.close();
      }
    },
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `apps/cli/bin/ledger.js` as its own process, from the TypeScript source. */
export async function runLedger(args: string[], timeoutMs = 40_000): Promise<CliRun> {
  const child = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'ledger.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LEDGER_CLI_FROM_SOURCE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => (stdout += c));
  child.stderr?.on('data', (c) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}
