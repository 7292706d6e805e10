import { getAddress } from 'ethers';

/**
 * The page's inputs, checked before anything is verified. Each problem is a message for the
 * field (never an exception): what the employer typed is wrong, not the credential.
 */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Far above any real bundle (a path is at most 64 hashes), as in `ledger verify`. */
export const MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

/** The pasted text as JSON. A text that is not JSON is not an input error: it is a malformed bundle. */
export function readDocumentText(text: string): Checked<{ json: true; value: unknown } | { json: false; reason: string }> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, error: 'Paste the proof bundle or Open Badge, or drop its file here, first.' };
  if (trimmed.length > MAX_DOCUMENT_CHARS)
    return { ok: false, error: `This text is ${trimmed.length} characters long, too large to be a credential.` };
  try {
    return { ok: true, value: { json: true, value: JSON.parse(trimmed) } };
  } catch (e) {
    return { ok: true, value: { json: false, reason: `the text is not JSON (${(e as Error).message})` } };
  }
}

/** One or more distinct http(s) RPC URLs, one per line (commas and spaces also separate them). */
export function parseRpcUrls(text: string): Checked<string[]> {
  const urls = text.split(/[\s,]+/).filter((u) => u !== '');
  if (urls.length === 0)
    return { ok: false, error: 'Enter the JSON-RPC URL of the chain (ask the ledger operator, or use a public RPC of that chain).' };
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, error: `"${url}" is not a URL (expected e.g. https://rpc.example.org).` };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return { ok: false, error: `"${url}": only http:// and https:// RPC URLs are supported.` };
  }
  // The same node twice would count as two that agree.
  const hrefs = urls.map((u) => new URL(u).href);
  const again = hrefs.findIndex((href, i) => hrefs.indexOf(href) !== i);
  if (again >= 0)
    return { ok: false, error: `URL ${hrefs.indexOf(hrefs[again]) + 1} and URL ${again + 1} are the same: give each RPC once.` };
  return { ok: true, value: urls };
}

/** The optional pinned chain id: empty, or a whole number >= 1. */
export function parseChainId(text: string): Checked<number | undefined> {
  const value = text.trim();
  if (value === '') return { ok: true, value: undefined };
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1)
    return { ok: false, error: `"${value}" is not a chain id (a whole number such as 1 for Ethereum, or leave it empty).` };
  return { ok: true, value: Number(value) };
}

/** Hosts of this machine: a resolver here may speak plain http (a local resolver, a test). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The optional DNS-over-HTTPS JSON endpoint: empty (DNS unchecked), or an https URL, whose answers
 * no one on the way can change; plain http only to this machine.
 */
export function parseDohEndpoint(text: string): Checked<string | undefined> {
  const value = text.trim();
  if (value === '') return { ok: true, value: undefined };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, error: `"${value}" is not a URL (expected e.g. https://cloudflare-dns.com/dns-query, or leave it empty).` };
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return { ok: true, value: url.href };
  return { ok: false, error: `"${value}": a DNS-over-HTTPS endpoint must be an https:// URL (plain http only to this machine).` };
}

/** A 20-byte address; mixed case must be a correct EIP-55 checksum (catches typos). */
export function parseContract(text: string): Checked<string> {
  const value = text.trim();
  if (value === '') return { ok: false, error: 'Enter the anchor contract address the ledger operator publishes.' };
  if (!/^0x[0-9a-fA-F]{40}$/.test(value))
    return { ok: false, error: `"${value}" is not a contract address (0x followed by 40 hex digits).` };
  try {
    return { ok: true, value: getAddress(value) };
  } catch {
    return { ok: false, error: `"${value}" has a wrong checksum (its mixed case is not EIP-55): check for a typo.` };
  }
}

/** An RPC URL for display: no user info, path or query (API keys often hide there). */
export function displayRpc(url: string, index: number): string {
  const u = new URL(url);
  const path = u.pathname === '/' || u.pathname === '' ? '' : '/…';
  return `RPC #${index + 1} ${u.protocol}//${u.host}${path}`;
}

/** Settings the API writes into the served page; the static file has none. */
export interface PageConfig {
  readonly rpcUrls?: readonly string[];
  readonly contract?: string;
  readonly chainId?: number;
  /** A DNS-over-HTTPS JSON endpoint to prefill; none leaves DNS unchecked. */
  readonly dohEndpoint?: string;
}

export function readConfig(text: string | null | undefined): PageConfig {
  try {
    const v = JSON.parse(text ?? '{}') as Record<string, unknown>;
    const rpcUrls = Array.isArray(v.rpcUrls) ? v.rpcUrls.filter((u): u is string => typeof u === 'string') : undefined;
    const chainId = Number.isSafeInteger(v.chainId) && (v.chainId as number) >= 1 ? (v.chainId as number) : undefined;
    const doh = typeof v.dohEndpoint === 'string' ? v.dohEndpoint : undefined;
    return {
      rpcUrls,
      contract: typeof v.contract === 'string' ? v.contract : undefined,
      ...(chainId !== undefined && { chainId }),
      ...(doh !== undefined && { dohEndpoint: doh }),
    };
  } catch {
    return {};
  }
}
