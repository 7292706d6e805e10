import { isIP } from 'node:net';
import { getAddress } from 'ethers';
import { parseArgv } from '../argv';
import { UsageError } from '../cli-io';

/** `ledger verify` options, checked: every problem here is a usage error (exit 64). */
export interface VerifyOptions {
  readonly file: string;
  readonly rpcUrls: readonly string[];
  /** Checksummed. */
  readonly contract: string;
  readonly json: boolean;
  readonly at?: Date;
  readonly timeoutMs: number;
  /** The pinned chain (`--chain-id`), if any. */
  readonly chainId?: number;
  /** `--max-lag`; undefined keeps the verifier's default. */
  readonly maxLagBlocks?: number;
  /** `--require-signature`: an otherwise valid but unsigned credential fails (verdict unsigned). */
  readonly requireSignature: boolean;
  /** Look up the DNS binding (`--check-dns`, implied by `--dns-server` and `--require-dns`). */
  readonly checkDns: boolean;
  /** `--dns-server HOST:PORT`; the system's resolvers when absent. */
  readonly dnsServer?: string;
  /** `--require-dns`: anything but a confirmed DNS binding fails (verdict dns-not-confirmed). */
  readonly requireDns: boolean;
  /** `--signature-only`: check the document's Data Integrity proof alone, no chain. */
  readonly signatureOnly: boolean;
  readonly help: boolean;
}

const SPEC = {
  rpc: { type: 'string', multiple: true },
  contract: { type: 'string' },
  json: { type: 'boolean' },
  at: { type: 'string' },
  timeout: { type: 'string' },
  'chain-id': { type: 'string' },
  'max-lag': { type: 'string' },
  'require-signature': { type: 'boolean' },
  'check-dns': { type: 'boolean' },
  'dns-server': { type: 'string' },
  'require-dns': { type: 'boolean' },
  'signature-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What `--signature-only` leaves out: it reads no chain and no DNS. */
const CHAIN_OPTIONS = [
  'rpc',
  'contract',
  'chain-id',
  'max-lag',
  'at',
  'require-signature',
  'check-dns',
  'dns-server',
  'require-dns',
] as const;

/** ISO-8601: a date, or a date and time with Z or an offset (no local times: they are ambiguous). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export const DEFAULT_TIMEOUT_MS = 5000;

const NO_POLICY = { requireSignature: false, checkDns: false, requireDns: false, signatureOnly: false } as const;

export function parseVerifyOptions(argv: readonly string[]): VerifyOptions {
  const { options, positionals } = parseArgv(argv, SPEC);
  if (options.help) return { file: '', rpcUrls: [], contract: '', json: false, timeoutMs: 0, help: true, ...NO_POLICY };
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? 'missing BUNDLE.json' : `one bundle at a time, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  const timeoutMs = options.timeout === undefined ? DEFAULT_TIMEOUT_MS : timeout(options.timeout as string);
  if (options['signature-only']) {
    const extra = CHAIN_OPTIONS.find((name) => options[name] !== undefined);
    if (extra) throw new UsageError(`--signature-only checks the document's own proof without a chain or DNS: drop --${extra}`);
    return {
      file: positionals[0],
      rpcUrls: [],
      contract: '',
      json: options.json === true,
      timeoutMs,
      help: false,
      ...NO_POLICY,
      signatureOnly: true,
    };
  }
  const dnsServer = options['dns-server'] === undefined ? undefined : hostPort(options['dns-server'] as string);
  const requireDns = options['require-dns'] === true;
  const rpcUrls = (options.rpc as string[] | undefined) ?? [];
  if (rpcUrls.length === 0)
    throw new UsageError('missing --rpc URL (give two or more run by different providers, so that one cannot decide alone)');
  rpcUrls.forEach(checkRpcUrl);
  const hrefs = rpcUrls.map((url) => new URL(url).href);
  const again = hrefs.findIndex((href, i) => hrefs.indexOf(href) !== i);
  if (again >= 0) {
    throw new UsageError(
      `--rpc #${hrefs.indexOf(hrefs[again]) + 1} and #${again + 1} are the same URL: each must be another node, or one node would count as two that agree`,
    );
  }
  return {
    file: positionals[0],
    rpcUrls,
    contract: contractAddress(options.contract as string | undefined),
    json: options.json === true,
    at: options.at === undefined ? undefined : instant(options.at as string),
    timeoutMs,
    chainId: options['chain-id'] === undefined ? undefined : whole('--chain-id', options['chain-id'] as string, 1),
    maxLagBlocks: options['max-lag'] === undefined ? undefined : whole('--max-lag', options['max-lag'] as string, 0),
    requireSignature: options['require-signature'] === true,
    checkDns: options['check-dns'] === true || dnsServer !== undefined || requireDns,
    dnsServer,
    requireDns,
    signatureOnly: false,
    help: false,
  };
}

/** `HOST:PORT` with an IP address (IPv6 in brackets), as the resolver is given it: no name to resolve first. */
function hostPort(value: string): string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)):(\d{1,5})$/.exec(value);
  const port = Number(m?.[3]);
  const family = m?.[1] !== undefined ? 6 : 4;
  if (!m || isIP(m[1] ?? m[2]) !== family || port < 1 || port > 65_535) {
    throw new UsageError(`--dns-server ${value} must be HOST:PORT with an IP address (e.g. 127.0.0.1:53, or [::1]:53 for IPv6)`);
  }
  return value;
}

function checkRpcUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--rpc ${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UsageError(`--rpc ${url}: only http:// and https:// URLs are supported`);
}

function contractAddress(value: string | undefined): string {
  if (value === undefined) throw new UsageError('missing --contract ADDRESS (the anchor contract you trust, from the ledger operator)');
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new UsageError(`--contract ${value} is not a 20-byte 0x-hex address`);
  try {
    return getAddress(value);
  } catch {
    throw new UsageError(`--contract ${value} has a wrong checksum (mixed case that is not EIP-55): check for a typo`);
  }
}

function instant(value: string): Date {
  const time = ISO_TIME.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : NaN;
  if (Number.isNaN(time)) throw new UsageError(`--at ${value} is not an ISO-8601 time (e.g. 2030-01-31 or 2030-01-31T12:00:00Z)`);
  return new Date(time);
}

function timeout(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > 600_000)
    throw new UsageError(`--timeout ${value} must be milliseconds between 1 and 600000`);
  return ms;
}

/** A decimal integer >= `least` (chain ids and block counts). */
function whole(flag: string, value: string, least: number): number {
  const n = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!(n >= least)) throw new UsageError(`${flag} ${value} must be a whole number of at least ${least}`);
  return n;
}

/** An RPC URL for display: no userinfo, query or path (API keys often hide there). */
export function displayRpc(url: string, index: number): string {
  const u = new URL(url);
  const path = u.pathname === '/' || u.pathname === '' ? '' : '/…';
  return `rpc #${index + 1} ${u.protocol}//${u.host}${path}`;
}
