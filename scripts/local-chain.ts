import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { HDNodeWallet } from 'ethers';

/**
 * A local Hardhat JSON-RPC node as a child process: what `npm start` anchors to when no
 * `CHAIN_RPC_URL` is given, and the one chain a jest run shares (test/support/chain.global-setup.ts).
 *
 * Plain Node + ethers at runtime (no ts-node tricks), so it also runs from the compiled dist/.
 */

/** The mnemonic every Hardhat (and anvil) node funds by default. PUBLIC: never use it outside a local chain. */
export const HARDHAT_DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export interface DevAccount {
  index: number;
  address: string;
  /** Publicly known key: local chains only. */
  privateKey: string;
}

/** Hardhat dev account `index` (m/44'/60'/0'/0/index); #0..#19 are funded on a fresh `hardhat node`. */
export function devAccount(index: number): DevAccount {
  const wallet = HDNodeWallet.fromPhrase(HARDHAT_DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
  return { index, address: wallet.address, privateKey: wallet.privateKey };
}

/** Roles on a local chain: #0 deploys and holds DEFAULT_ADMIN_ROLE, #1 is the anchorer. */
export const LOCAL_DEPLOYER_INDEX = 0;
export const LOCAL_ANCHORER_INDEX = 1;

export interface StartLocalChainOptions {
  port: number;
  hostname?: string;
  /** How long to wait for `eth_chainId` to answer (default 60 s). */
  startTimeoutMs?: number;
  /** Repository root holding hardhat.config.ts and node_modules/hardhat (found from this file or the cwd by default). */
  root?: string;
}

export interface LocalChain {
  url: string;
  port: number;
  chainId: number;
  pid: number;
  /** The node's recent output (it logs every RPC call; only the tail is kept). */
  output(): string;
  /** Kills the node (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
}

const OUTPUT_TAIL = 64 * 1024;

/** The folder with hardhat.config.ts and node_modules/hardhat: upwards from here (scripts/ or dist/scripts/), then from the cwd. */
export function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'hardhat.config.ts')) && existsSync(hardhatCli(dir))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`cannot find the repository root (hardhat.config.ts + node_modules/hardhat) above ${__dirname} or ${process.cwd()}`);
}

function hardhatCli(root: string): string {
  return join(root, 'node_modules', 'hardhat', 'internal', 'cli', 'cli.js');
}

/** Whether nothing listens on `hostname:port` yet. */
export async function isPortFree(port: number, hostname = '127.0.0.1'): Promise<boolean> {
  const server = createServer();
  try {
    server.listen(port, hostname);
    await once(server, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    if (server.listening) {
      server.close();
      await once(server, 'close');
    }
  }
}

/** A port the OS says is free right now on `hostname` (a race is still possible: callers retry). */
export async function freePort(hostname = '127.0.0.1'): Promise<number> {
  const server = createServer();
  server.listen(0, hostname);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Thrown when the requested port is already taken, so callers can say so (or retry another). */
export class PortInUseError extends Error {
  constructor(
    readonly hostname: string,
    readonly port: number,
  ) {
    super(`${hostname}:${port} is already in use (another chain or service?)`);
    this.name = 'PortInUseError';
  }
}

/**
 * Runs a Hardhat node in a child process, resolved once it answers `eth_chainId`. The child
 * exits with this process (IPC disconnect), so a crashed parent never leaves a node holding the port.
 */
export async function startLocalChain(options: StartLocalChainOptions): Promise<LocalChain> {
  const hostname = options.hostname ?? '127.0.0.1';
  const { port } = options;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`invalid chain port ${port}`);
  if (!(await isPortFree(port, hostname))) throw new PortInUseError(hostname, port);
  const root = options.root ?? findRepoRoot();
  const cli = hardhatCli(root);
  if (!existsSync(cli)) throw new Error(`Hardhat not installed: ${cli} is missing (run npm ci)`);

  // `node -e` with the CLI spliced into argv: Hardhat parses argv.slice(2) as usual, and the
  // preamble ends the node when our IPC channel closes (this process exited, however it died).
  const preamble =
    `process.on('disconnect', () => process.exit(0));` +
    `process.argv.splice(1, 0, ${JSON.stringify(cli)});` +
    `require(${JSON.stringify(cli)});`;
  const child = spawn(process.execPath, ['-e', preamble, 'node', '--hostname', hostname, '--port', String(port)], {
    cwd: root,
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_TAIL * 2) output = output.slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');
  const url = `http://${hostname}:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    const chainId = await waitForChainId(url, child, () => output, options.startTimeoutMs ?? 60_000);
    // Nothing here keeps this process alive: a forgotten stop() cannot hang it, and the node follows it out.
    child.unref();
    (child.stdout as unknown as { unref?(): void } | null)?.unref?.();
    (child.stderr as unknown as { unref?(): void } | null)?.unref?.();
    (child.channel as unknown as { unref?(): void } | null | undefined)?.unref?.();
    return { url, port, chainId, pid: child.pid!, output: () => output.slice(-OUTPUT_TAIL), stop };
  } catch (error) {
    await stop();
    if (/EADDRINUSE/.test(output)) throw new PortInUseError(hostname, port);
    throw error;
  }
}

async function waitForChainId(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the local Hardhat node exited (${child.exitCode ?? child.signalCode}) before answering:\n${tail(output())}`);
    }
    const chainId = await chainIdOf(url, 1_000);
    if (chainId !== undefined) return chainId;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the local Hardhat node at ${url} did not answer eth_chainId within ${timeoutMs} ms:\n${tail(output())}`);
}

/** `eth_chainId` of `url`, or undefined when it does not answer within `timeoutMs`. */
export async function chainIdOf(url: string, timeoutMs: number): Promise<number | undefined> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { result?: string };
    return typeof body.result === 'string' ? Number(BigInt(body.result)) : undefined;
  } catch {
    return undefined;
  }
}

function tail(text: string, max = 4_000): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `…${trimmed.slice(-max)}` : trimmed || '(no output)';
}

/**
 * `hardhat compile` in a child process (the contracts' artifacts are what `deployAnchor` deploys).
 * Bounded by `timeoutMs` (default 180 s); throws with the compiler's output on failure.
 */
export async function compileContracts(root = findRepoRoot(), timeoutMs = 180_000): Promise<void> {
  const child = spawn(process.execPath, [hardhatCli(root), 'compile', '--quiet'], {
    cwd: root,
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`hardhat compile failed (${code ?? signal}):\n${tail(output)}`);
}

/** Whether the StackLedgerAnchor artifact exists under `root`. */
export function anchorArtifactExists(root = findRepoRoot()): boolean {
  return existsSync(join(root, 'artifacts', 'contracts', 'StackLedgerAnchor.sol', 'StackLedgerAnchor.json'));
}
