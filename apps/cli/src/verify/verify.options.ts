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
  help: { type: 'boolean', short: 'h' },
} as const;

/** ISO-8601: a date, or a date and time with Z or an offset (no local times: they are ambiguous). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export const DEFAULT_TIMEOUT_MS = 5000;

export function parseVerifyOptions(argv: readonly string[]): VerifyOptions {
  const { options, positionals } = parseArgv(argv, SPEC);
  if (options.help) return { file: '', rpcUrls: [], contract: '', json: false, timeoutMs: 0, help: true };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing BUNDLE.json' : `one bundle at a time, got ${positionals.length}: ${positionals.join(' ')}`);
  const rpcUrls = (options.rpc as string[] | undefined) ?? [];
  if (rpcUrls.length === 0) throw new UsageError('missing --rpc URL (give two or more run by different providers, so that one cannot decide alone)');
  rpcUrls.forEach(checkRpcUrl);
  const hrefs = rpcUrls.map((url) => new URL(url).href);
  const again = hrefs.findIndex((href, i) => hrefs.indexOf(href) !== i);
  if (again >= 0) {
    throw new UsageError(`--rpc #${hrefs.indexOf(hrefs[again]) + 1} and #${again + 1} are the same URL: each must be another node, or one node would count as two that agree`);
  }
  return {
    file: positionals[0],
    rpcUrls,
    contract: contractAddress(options.contract as string | undefined),
    json: options.json === true,
    at: options.at === undefined ? undefined : instant(options.at as string),
    timeoutMs: options.timeout === undefined ? DEFAULT_TIMEOUT_MS : timeout(options.timeout as string),
    chainId: options['chain-id'] === undefined ? undefined : whole('--chain-id', options['chain-id'] as string, 1),
    maxLagBlocks: options['max-lag'] === undefined ? undefined : whole('--max-lag', options['max-lag'] as string, 0),
    help: false,
  };
}

function checkRpcUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--rpc ${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--rpc ${url}: only http:// and https:// URLs are supported`);
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
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > 600_000) throw new UsageError(`--timeout ${value} must be milliseconds between 1 and 600000`);
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
