/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` into a fresh temporary folder,
 * the server on a free 127.0.0.1 port with its unix socket in that folder, removed by `stop()`.
 * As root (CI, these machines) everything runs as the `postgres` OS user, which owns the folder:
 * the server refuses to run as root. Test code only, never shipped.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const PREFIX = 'stackledger-pg-';
const SUPERUSER = 'postgres';

export interface PostgresClusterOptions {
  /**
   * False: `fsync=off`, faster and kinder to a shared disk. What the tests kill is the API, never
   * the server, so whether the server syncs its writes changes nothing they check. Default true.
   */
  fsync?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
}

export interface PostgresCluster {
  readonly port: number;
  readonly folder: string;
  /** `postgres://postgres@127.0.0.1:port/database` (trust authentication: loopback only). */
  url(database?: string): string;
  /** Creates an empty database (name: letters, digits, underscores) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server (fast: every connection is ended), runs `whileDown`, and starts it again on
   * the same port, as a server restart or a failover looks to clients.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  /** Stops the server at once and removes the folder. */
  stop(): Promise<void>;
}

/** The folder of initdb / pg_ctl: POSTGRES_BIN, else Debian's newest /usr/lib/postgresql/N/bin, else PATH. */
export function postgresBinaries(): string | undefined {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    const found = versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
    if (found) return found;
  }
  const onPath = (process.env.PATH ?? '').split(':').find((dir) => dir && existsSync(join(dir, 'initdb')));
  return onPath;
}

export async function startPostgresCluster(options: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql, or set POSTGRES_BIN');
  await removeAbandonedClusters(bin);
  const folder = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(folder, 'owner.pid'), String(process.pid));
  const asRoot = userInfo().uid === 0;
  if (asRoot) chownSync(folder, ...postgresIds());
  const data = join(folder, 'data');
  const as = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', SUPERUSER, '--', join(bin, command), ...args]) : run(join(bin, command), args);
  try {
    await as('initdb', ['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: folder,
      fsync: options.fsync === false ? 'off' : 'on',
      max_connections: '200',
      ...options.settings,
    };
    const port = await startServer(as, data, folder, settings);
    return cluster(folder, port, {
      stop: () => as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
      restart: async (whileDown) => {
        await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
        await whileDown();
        await startServer(as, data, folder, settings, port);
      },
    });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Tries free ports until the server listens on one (another process may take a probed port first). */
async function startServer(
  as: (command: string, args: string[]) => Promise<unknown>,
  data: string,
  folder: string,
  settings: Record<string, string>,
  fixedPort?: number,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const flags = Object.entries({ ...settings, port: String(port) })
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' ');
    try {
      await as('pg_ctl', ['-D', data, '-l', join(folder, 'server.log'), '-o', flags, '-w', '-t', '60', 'start']);
      return port;
    } catch (error) {
      const log = existsSync(join(folder, 'server.log')) ? readFileSync(join(folder, 'server.log'), 'utf8') : '';
      if (attempt >= 3 || !/could not bind|address already in use/i.test(log))
        throw new Error(`pg_ctl start failed: ${String(error)}\n${log}`);
    }
  }
}

interface ServerControl {
  stop(): Promise<unknown>;
  restart(whileDown: () => Promise<void>): Promise<void>;
}

function cluster(folder: string, port: number, server: ServerControl): PostgresCluster {
  const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    port,
    folder,
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`not a plain database name: ${name}`);
      const client = new Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    restart: (whileDown = async () => undefined) => server.restart(whileDown),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.stop();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/** Clusters left behind by a test process that died before its `stop()`: stopped and removed. */
async function removeAbandonedClusters(bin: string): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const folder = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(folder, 'owner.pid'), 'utf8'));
    } catch {
      continue; // being created, or not ours
    }
    if (!Number.isSafeInteger(owner) || owner <= 0 || alive(owner)) continue;
    const data = join(folder, 'data');
    if (existsSync(join(data, 'postmaster.pid'))) {
      const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
      await (
        userInfo().uid === 0 ? run('runuser', ['-u', SUPERUSER, '--', join(bin, 'pg_ctl'), ...args]) : run(join(bin, 'pg_ctl'), args)
      ).catch(() => undefined);
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function postgresIds(): [number, number] {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${SUPERUSER}:`));
  if (!line) throw new Error(`no ${SUPERUSER} OS user: the server cannot run as root (install postgresql, which creates it)`);
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
