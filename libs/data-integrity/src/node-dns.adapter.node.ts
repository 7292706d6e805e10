import { isIP } from 'node:net';
import { Resolver } from 'node:dns/promises';
import { DnsLookupError, type TxtResolver } from './dns-binding';

/**
 * TXT lookups through Node's resolver (c-ares, not the OS's getaddrinfo), node-only. With
 * `server` (`--dns-server HOST:PORT`: an IPv4 address, or an IPv6 one in brackets, and a port)
 * only that server is asked; otherwise the system's configured servers.
 *
 * NXDOMAIN and NODATA answer `[]`; any other failure rejects with a {@link DnsLookupError}
 * carrying c-ares' code (ETIMEOUT, ECONNREFUSED, ESERVFAIL, EREFUSED…). The whole lookup is
 * bounded by `timeoutMs` (default 5 s), retries included, whatever c-ares' backoff does.
 */
export interface NodeDnsOptions {
  readonly server?: string;
  readonly timeoutMs?: number;
}

const EMPTY = new Set(['ENODATA', 'ENOTFOUND']);

export function nodeTxtResolver(options: NodeDnsOptions = {}): TxtResolver {
  const timeoutMs = options.timeoutMs ?? 5_000;
  // Two tries; c-ares doubles the wait on the second, so t + 2t stays within the bound.
  const resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeoutMs / 3)), tries: 2 });
  if (options.server !== undefined) resolver.setServers([checkedServer(options.server)]);
  return {
    async resolveTxt(name) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          resolver.cancel();
          reject(new DnsLookupError('ETIMEOUT', `no DNS answer for ${name} within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        const chunks = await Promise.race([resolver.resolveTxt(name), deadline]);
        return chunks.map((parts) => parts.join(''));
      } catch (error) {
        if (error instanceof DnsLookupError) throw error;
        const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
        if (EMPTY.has(code)) return [];
        throw new DnsLookupError(code, `DNS lookup of ${name} failed${options.server ? ` (server ${options.server})` : ''}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * `HOST:PORT` as Node's `setServers` takes it. Preconditions: an IP literal (IPv6 in brackets)
 * and a port 1-65535; throws `TypeError` naming the expected form otherwise.
 */
function checkedServer(server: string): string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)):(\d{1,5})$/.exec(server);
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  const family = host === undefined ? 0 : isIP(host);
  if (!m || family === 0 || (m[1] !== undefined) !== (family === 6) || port < 1 || port > 65_535) {
    throw new TypeError(`--dns-server must be HOST:PORT with an IP address (IPv6 in brackets), got ${server}`);
  }
  return server;
}
