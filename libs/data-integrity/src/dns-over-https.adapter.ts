import { DnsLookupError, type TxtResolver } from './dns-binding';

/**
 * TXT lookups through a DNS-over-HTTPS JSON endpoint (the `application/dns-json` API of Google
 * `https://dns.google/resolve` and Cloudflare `https://cloudflare-dns.com/dns-query`): a GET of
 * `<endpoint>?name=<name>&type=TXT`, answered `{"Status":0,"Answer":[{"type":16,"data":…}]}`.
 * Browser-safe (global `fetch`, `AbortController`).
 *
 * - `Status` 0 (NOERROR) gives the TXT answers (type 16; CNAMEs and others are skipped), 3
 *   (NXDOMAIN) gives `[]`, anything else is a {@link DnsLookupError};
 * - `data` is either the presentation form, one or more quoted character-strings
 *   (`"\"part one\" \"part two\""`, with `\"`, `\\` and `\DDD` escapes), joined with nothing in
 *   between, or (Google) the bare text;
 * - the request is aborted after `timeoutMs` (default 5 s).
 */
export interface DohOptions {
  /** e.g. `https://cloudflare-dns.com/dns-query`; any query string already there is kept. */
  readonly endpoint: string;
  readonly timeoutMs?: number;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

const TXT = 16;

export function dohTxtResolver(options: DohOptions): TxtResolver {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    async resolveTxt(name) {
      const url = new URL(options.endpoint);
      url.searchParams.set('name', name);
      url.searchParams.set('type', 'TXT');
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      let body: unknown;
      try {
        const response = await fetchFn(url.toString(), { headers: { accept: 'application/dns-json' }, signal: abort.signal });
        if (!response.ok) throw new DnsLookupError(`HTTP_${response.status}`, `DNS-over-HTTPS endpoint answered HTTP ${response.status}`);
        body = await response.json();
      } catch (error) {
        if (error instanceof DnsLookupError) throw error;
        if (abort.signal.aborted) throw new DnsLookupError('TIMEOUT', `no DNS-over-HTTPS answer within ${timeoutMs} ms`);
        throw new DnsLookupError('UNREACHABLE', `DNS-over-HTTPS request failed: ${(error as Error)?.message ?? String(error)}`);
      } finally {
        clearTimeout(timer);
      }
      return txtOfAnswer(body);
    },
  };
}

/** The TXT records of a dns-json answer body. Throws {@link DnsLookupError} for a failure or a malformed body. */
export function txtOfAnswer(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) throw new DnsLookupError('BAD_RESPONSE', 'DNS-over-HTTPS answer is not a JSON object');
  const { Status, Answer } = body as { Status?: unknown; Answer?: unknown };
  if (Status === 3) return [];
  if (Status !== 0) throw new DnsLookupError(`RCODE_${String(Status)}`, `DNS-over-HTTPS answer has status ${String(Status)}`);
  if (Answer === undefined) return [];
  if (!Array.isArray(Answer)) throw new DnsLookupError('BAD_RESPONSE', 'Answer must be an array');
  const records: string[] = [];
  for (const answer of Answer) {
    if (typeof answer !== 'object' || answer === null || (answer as { type?: unknown }).type !== TXT) continue;
    const data = (answer as { data?: unknown }).data;
    if (typeof data !== 'string') throw new DnsLookupError('BAD_RESPONSE', 'a TXT answer has no data string');
    records.push(data.startsWith('"') ? joinQuoted(data) : data);
  }
  return records;
}

/** Joins the quoted character-strings of a presentation-form TXT value (`\DDD` is one byte; the result is read as UTF-8). */
function joinQuoted(data: string): string {
  const bytes: number[] = [];
  const pushText = (text: string) => bytes.push(...encoder.encode(text));
  let i = 0;
  while (i < data.length) {
    if (data[i] === ' ') {
      i++;
      continue;
    }
    if (data[i] !== '"') throw new DnsLookupError('BAD_RESPONSE', 'malformed TXT data');
    i++;
    while (i < data.length && data[i] !== '"') {
      if (data[i] !== '\\') {
        const char = String.fromCodePoint(data.codePointAt(i) as number);
        pushText(char);
        i += char.length;
        continue;
      }
      const digits = /^\d{3}/.exec(data.slice(i + 1, i + 4));
      if (digits) bytes.push(Number(digits[0]) & 0xff);
      else pushText(data[i + 1] ?? '');
      i += digits ? 4 : 2;
    }
    if (data[i] !== '"') throw new DnsLookupError('BAD_RESPONSE', 'unterminated TXT string');
    i++;
  }
  return decoder.decode(new Uint8Array(bytes));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
