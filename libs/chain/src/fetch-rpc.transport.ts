import { ChainUnavailableError } from './chain-errors';
import { redactRpcUrl, secretScrubber } from './rpc-url';
import type { RpcReply, RpcTransport } from './rpc-transport.port';

export interface FetchRpcTransportOptions {
  /** Ceiling on each request, retries included, milliseconds (default 5000). */
  readonly timeoutMs?: number;
  /** Times an HTTP 429 is retried, 250 ms apart, within the timeout (default 0). */
  readonly rateLimitRetries?: number;
  /** Injected for tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

const RATE_LIMIT_PAUSE_MS = 250;
let nextId = 1;

/**
 * An {@link RpcTransport} over `fetch` (Node 20 and browsers): one POST per request, bounded by
 * `timeoutMs`, with no background polling, so a dead endpoint fails fast. User info in the URL
 * (which `fetch` refuses) is sent as HTTP Basic auth instead. Network errors, timeouts, any
 * non-2xx status and bodies that are not a JSON-RPC object are {@link ChainUnavailableError},
 * whose messages never quote the URL's secrets.
 */
export class FetchRpcTransport implements RpcTransport {
  readonly endpoint: string;
  private readonly url: string;
  private readonly headers: Record<string, string> = { 'content-type': 'application/json' };
  private readonly timeoutMs: number;
  private readonly rateLimitRetries: number;
  private readonly fetchFn: typeof fetch;
  private readonly scrub: (text: string) => string;

  /** Preconditions: `url` is an http(s) URL. */
  constructor(url: string, options: FetchRpcTransportOptions = {}) {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
      this.headers.authorization = `Basic ${base64(new TextEncoder().encode(pair))}`;
      parsed.username = '';
      parsed.password = '';
    }
    this.url = parsed.toString();
    this.endpoint = redactRpcUrl(url);
    this.scrub = secretScrubber(url, this.endpoint);
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.rateLimitRetries = options.rateLimitRetries ?? 0;
    this.fetchFn = options.fetch ?? ((...args) => fetch(...args));
  }

  async send(method: string, params: readonly unknown[]): Promise<RpcReply> {
    const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      for (let retries = this.rateLimitRetries; ; retries--) {
        const response = await this.fetchFn(this.url, { method: 'POST', headers: this.headers, body, signal: controller.signal });
        if (response.status === 429 && retries > 0) {
          await response.body?.cancel();
          await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT_PAUSE_MS));
          continue;
        }
        if (!response.ok) throw this.unavailable(response.status === 429 ? 'rate limited (HTTP 429)' : `HTTP ${response.status}`);
        return this.reply(method, await response.text());
      }
    } catch (e) {
      if (e instanceof ChainUnavailableError) throw e;
      if (controller.signal.aborted) throw this.unavailable(`no answer within ${this.timeoutMs} ms`);
      throw this.unavailable(`network error: ${networkCause(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private reply(method: string, text: string): RpcReply {
    let reply: unknown;
    try {
      reply = JSON.parse(text);
    } catch {
      throw this.unavailable('reply is not JSON');
    }
    if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) throw this.unavailable('reply is not a JSON-RPC object');
    const { result, error } = reply as { result?: unknown; error?: unknown };
    if (error !== undefined && error !== null) return { error: typeof error === 'object' ? (error as object) : { message: String(error) } };
    if (!('result' in reply)) throw this.unavailable(`${method}: reply without result`);
    return { result };
  }

  private unavailable(message: string): ChainUnavailableError {
    return new ChainUnavailableError(this.scrub(message), this.endpoint);
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** `fetch failed` hides the useful part (ECONNREFUSED...) in `cause`. */
function networkCause(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}
