import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { getAddress, isAddress, SigningKey } from 'ethers';
import { redactRpcUrl } from '../anchoring/chain-config';
import { ConfigError } from './config-error';

/**
 * Turns one variable's set, non-empty value into what the service uses, or throws ConfigError
 * naming the variable. Messages may quote a value only when it is not a secret.
 */
export type Rule<T> = (value: string, name: string) => T;

export const text: Rule<string> = (value) => value;

/** A folder, made absolute against the working folder. */
export const folder: Rule<string> = (value) => resolve(value);

function wholeNumber(min: 0 | 1): Rule<number> {
  return (value, name) => {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
      throw new ConfigError(`${name} must be a ${min === 0 ? 'non-negative' : 'positive'} integer, got "${value}"`);
    }
    return Number(value);
  };
}

export const nonNegativeInteger = wholeNumber(0);
export const positiveInteger = wholeNumber(1);

/** Most threads `auto` picks: beyond four, signature checks are no longer what bounds issuance. */
const MAX_AUTO_THREADS = 4;

/**
 * A number of worker threads, or `auto`: one per core, at least one and at most four. Not one
 * fewer: while a bulk request's signatures are checked the API's thread mostly waits for them, and
 * on two cores one thread left the second core idle (1,771 signed credentials/s against 2,126-2,504
 * with two, 10 x 1,000 one at a time, docs/performance.md).
 */
export const threadCount: Rule<number> = (value, name) => {
  if (value.toLowerCase() === 'auto') return Math.max(1, Math.min(MAX_AUTO_THREADS, availableParallelism()));
  if (!/^\d{1,3}$/.test(value) || Number(value) > 64)
    throw new ConfigError(`${name} must be auto or a number of threads from 0 to 64, got "${value}"`);
  return Number(value);
};

/** A TCP port; `0` (when allowed) asks the system for any free one. */
export function tcpPort(min: 0 | 1): Rule<number> {
  return (value, name) => {
    const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
    if (!(port >= min && port <= 65535)) throw new ConfigError(`${name} must be a TCP port (${min}-65535), got "${value}"`);
    return port;
  };
}

/** A body size as body-parser reads it: bytes (`262144`) or a number with kb, mb, gb (`256kb`, `1.5mb`). Kept as written. */
export const byteSize: Rule<string> = (value, name) => {
  if (!/^(\d+b?|\d+(\.\d+)? *(kb|mb|gb|tb|pb))$/i.test(value)) {
    throw new ConfigError(`${name} must be a size such as 262144 (bytes), 256kb or 2mb, got "${value}"`);
  }
  return value;
};

/** Shortest key accepted from ADMIN_API_KEY / AUDITOR_API_KEY: a generated key has 256 random bits in 43 characters. */
export const MIN_SERVICE_KEY_LENGTH = 32;

/** A key that guards the whole ledger: refused when short enough to guess, never echoed. */
export const serviceKey: Rule<string> = (value, name) => {
  if (value.length < MIN_SERVICE_KEY_LENGTH) {
    throw new ConfigError(
      `${name} must be at least ${MIN_SERVICE_KEY_LENGTH} characters long (it has ${value.length}); use a random one, e.g. openssl rand -base64 32`,
    );
  }
  return value;
};

/** An EventStoreDB / KurrentDB connection string; it may hold a password, so it is never echoed. */
export const eventStoreConnection: Rule<string> = (value, name) => {
  if (!/^esdb(\+discover)?:\/\//i.test(value)) throw new ConfigError(`${name} must start with esdb:// or esdb+discover://`);
  return value;
};

/**
 * A PostgreSQL connection URL (`postgres://user:password@host:5432/database`); it may hold a
 * password, so it is never echoed.
 */
export const postgresConnection: Rule<string> = (value, name) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^postgres(ql)?:$/i.test(url.protocol) || url.hostname === '') {
    throw new ConfigError(`${name} must be a URL such as postgres://user:password@host:5432/database`);
  }
  return value;
};

/**
 * Whose word the rate limiter takes for the client's address (`TRUST_PROXY`). `none`: the TCP peer
 * only, whatever `X-Forwarded-For` says. `hops`: that many reverse proxies always stand in front,
 * so the address that many entries from the right of the chain is the client's. `addresses`: only
 * these peers (the proxies' own addresses) are believed, each about the address before it.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: ReadonlySet<string> };

/** Normalised as the socket reports peers: IPv4 peers of a dual-stack server arrive as `::ffff:a.b.c.d`. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

export const trustProxy: Rule<TrustProxy> = (value, name) => {
  if (value === 'false' || value === '0') return { kind: 'none' };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 16) throw new ConfigError(`${name} must be false, a number of proxies from 1 to 16, or proxy IP addresses; got "${value}"`);
    return { kind: 'hops', hops };
  }
  const addresses = value.split(',').map((a) => a.trim());
  const bad = addresses.find((a) => isIP(a) === 0);
  if (bad !== undefined) {
    throw new ConfigError(
      `${name} must be false, a number of proxies from 1 to 16, or a comma-separated list of proxy IP addresses; "${bad}" is none of these`,
    );
  }
  return { kind: 'addresses', addresses: new Set(addresses.map(normaliseAddress)) };
};

/** A JSON-RPC endpoint; only its redacted form (no credentials, no key-like path) is ever shown. */
export const httpUrl: Rule<string> = (value, name) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) JSON-RPC URL, got ${url.protocol}//… (${redactRpcUrl(value)})`);
  }
  return value;
};

/** An EVM address, checksummed; a mixed-case address must carry a correct checksum. */
export const evmAddress: Rule<string> = (value, name) => {
  if (!isAddress(value)) throw new ConfigError(`${name} is not an address (or its mixed-case checksum is wrong): "${value}"`);
  return getAddress(value.toLowerCase());
};

const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** A secp256k1 private key, with or without 0x, as lower-case 0x hex; messages give its length only. */
export const privateKey: Rule<string> = (value, name) => {
  const hex = value.startsWith('0x') || value.startsWith('0X') ? value.slice(2) : value;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigError(`${name} must be 32 bytes as 0x followed by 64 hex digits (got ${value.length} characters)`);
  }
  const key = `0x${hex.toLowerCase()}`;
  const scalar = BigInt(key);
  let valid = scalar > 0n && scalar < SECP256K1_ORDER;
  try {
    if (valid) SigningKey.computePublicKey(key);
  } catch {
    valid = false;
  }
  if (!valid) throw new ConfigError(`${name} is not a valid secp256k1 private key (zero, or not below the curve order)`);
  return key;
};
