import { Interface } from 'ethers';
import { ChainUnavailableError, ContractCallError, type AnchoredBatch, type AnchorReader } from './anchor-reader.port';

/**
 * An {@link AnchorReader} over one JSON-RPC endpoint: `eth_chainId`, `eth_blockNumber`, and
 * `eth_getCode` and `eth_call` to the trusted contract at an explicit block number (never
 * `latest`, which can move between two reads), with ethers used only for ABI encoding and
 * decoding. Requests go through `fetch` (Node 20 and browsers), each bounded by `timeoutMs`, with
 * no background polling (an ethers provider would keep retrying a dead URL), so a dead endpoint
 * fails fast.
 *
 * Error mapping: network errors, timeouts, HTTP errors (429, 5xx, anything non-2xx), non-JSON
 * replies and JSON-RPC errors other than a revert are {@link ChainUnavailableError}; a revert, empty
 * or undecodable return data is {@link ContractCallError}.
 */
export const ANCHOR_READ_ABI = [
  'function batchCount() view returns (uint256)',
  'function batch(uint256 index) view returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt)',
  'function revokedAt(bytes32 credentialKey) view returns (uint64)',
];

const abi = new Interface(ANCHOR_READ_ABI);

export interface JsonRpcAnchorReaderOptions {
  /** Per request, milliseconds (default 5000). */
  readonly timeoutMs?: number;
  /** Injected for tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

interface RpcReply {
  result?: unknown;
  error?: { code?: number; message?: string; data?: unknown };
}

let nextId = 1;

export class JsonRpcAnchorReader implements AnchorReader {
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  /** The URL without user info (fetch refuses it), which goes into an Authorization header instead. */
  private readonly url: string;
  private readonly headers: Record<string, string> = { 'content-type': 'application/json' };

  /**
   * Preconditions: `url` is an http(s) URL (user info, if any, is sent as HTTP Basic auth and
   * never appears in errors); `contract` is a 20-byte 0x-hex address.
   */
  constructor(
    url: string,
    readonly contract: string,
    options: JsonRpcAnchorReaderOptions = {},
  ) {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
      this.headers.authorization = `Basic ${base64(new TextEncoder().encode(pair))}`;
      parsed.username = '';
      parsed.password = '';
    }
    this.url = parsed.toString();
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchFn = options.fetch ?? ((...args) => fetch(...args));
  }

  async chainId(): Promise<bigint> {
    return BigInt(hexQuantity(await this.request('eth_chainId', [])));
  }

  async blockNumber(): Promise<bigint> {
    return BigInt(hexQuantity(await this.request('eth_blockNumber', [])));
  }

  async code(address: string, block: bigint): Promise<string> {
    const code = await this.request('eth_getCode', [address, blockTag(block)]);
    if (typeof code !== 'string') throw new ChainUnavailableError('eth_getCode returned no string', this.url);
    return code;
  }

  async batchCount(block: bigint): Promise<bigint> {
    return (await this.call('batchCount', [], block))[0] as bigint;
  }

  async batch(index: number, block: bigint): Promise<AnchoredBatch> {
    const [root, fromSeq, toSeq, anchoredAt] = await this.call('batch', [index], block);
    return { root: root as string, fromSeq: fromSeq as bigint, toSeq: toSeq as bigint, anchoredAt: anchoredAt as bigint };
  }

  async revokedAt(credentialKey: string, block: bigint): Promise<bigint> {
    return (await this.call('revokedAt', [credentialKey], block))[0] as bigint;
  }

  private async call(fn: string, args: unknown[], block: bigint): Promise<readonly unknown[]> {
    const data = abi.encodeFunctionData(fn, args);
    const reply = await this.request('eth_call', [{ to: this.contract, data }, blockTag(block)]);
    if (typeof reply !== 'string' || reply === '0x') throw new ContractCallError(`${fn}() returned no data`);
    try {
      return abi.decodeFunctionResult(fn, reply).toArray();
    } catch {
      throw new ContractCallError(`${fn}() returned data that does not decode`);
    }
  }

  private async request(method: string, params: unknown[]): Promise<unknown> {
    const reply = await this.post({ jsonrpc: '2.0', id: nextId++, method, params });
    if (reply.error) {
      const message = reply.error.message ?? `error ${reply.error.code}`;
      if (method === 'eth_call' && (reply.error.code === 3 || /revert/i.test(message))) {
        throw new ContractCallError(`${method} reverted: ${message}`);
      }
      throw new ChainUnavailableError(`${method}: JSON-RPC error ${reply.error.code ?? ''} ${message}`.trim(), this.url);
    }
    if (!('result' in reply)) throw new ChainUnavailableError(`${method}: reply without result`, this.url);
    return reply.result;
  }

  private async post(body: object): Promise<RpcReply> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetchFn(this.url, {
        method: 'POST',
        headers: this.headers,
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      if (!response.ok) {
        const what = response.status === 429 ? 'rate limited (HTTP 429)' : `HTTP ${response.status}`;
        throw new ChainUnavailableError(what, this.url);
      }
      const text = await response.text();
      let reply: unknown;
      try {
        reply = JSON.parse(text);
      } catch {
        throw new ChainUnavailableError('reply is not JSON', this.url);
      }
      if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) throw new ChainUnavailableError('reply is not a JSON-RPC object', this.url);
      return reply as RpcReply;
    } catch (e) {
      if (e instanceof ChainUnavailableError) throw e;
      if (controller.signal.aborted) throw new ChainUnavailableError(`no answer within ${this.timeoutMs} ms`, this.url);
      throw new ChainUnavailableError(`network error: ${networkCause(e)}`, this.url);
    } finally {
      clearTimeout(timer);
    }
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** A JSON-RPC block number: 0x-hex without leading zeros. */
const blockTag = (block: bigint) => `0x${block.toString(16)}`;

function hexQuantity(value: unknown): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]+$/.test(value)) throw new ChainUnavailableError(`not a hex quantity: ${String(value)}`);
  return value;
}

/** `fetch failed` hides the useful part (ECONNREFUSED...) in `cause`. */
function networkCause(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}
