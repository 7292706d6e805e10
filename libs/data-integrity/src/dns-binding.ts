import { parseDidKey } from './did-key';

/**
 * Identity binding through DNS: an issuer shows that it answers for its domain by publishing, at
 * `_stackledger.<domain>`, one TXT record `stackledger-key=<keyId>` per active key (keyId the bare
 * did:key). A key is confirmed for a domain when one of those records names it exactly.
 */

/**
 * Port: the TXT records of a DNS name.
 *
 * MUST resolve to every TXT record of `name`, each one string (the record's character-strings
 * joined with nothing in between); to `[]` when the name does not exist or has no TXT record; and
 * MUST reject (with {@link DnsLookupError}) when no answer could be had (timeout, unreachable or
 * failing server), within a bounded time.
 */
export interface TxtResolver {
  resolveTxt(name: string): Promise<string[]>;
}

/** A lookup that produced no answer (as opposed to an answer saying there is nothing). */
export class DnsLookupError extends Error {
  constructor(
    /** e.g. TIMEOUT, REFUSED, SERVFAIL, HTTP_503, BAD_RESPONSE. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DnsLookupError';
  }
}

export const RECORD_PREFIX = 'stackledger-key=';
export const NAME_PREFIX = '_stackledger.';

export type DnsBinding =
  | { readonly status: 'confirmed'; readonly name: string; readonly keyIds: readonly string[] }
  | {
      readonly status: 'not-confirmed';
      readonly reason:
        'INVALID_DOMAIN' | 'INVALID_KEY_ID' | 'NO_TXT_RECORDS' | 'NO_STACKLEDGER_RECORD' | 'KEY_NOT_LISTED' | 'LOOKUP_FAILED';
      readonly message: string;
      readonly name?: string;
      /** The keys the domain does list (KEY_NOT_LISTED). */
      readonly keyIds?: readonly string[];
    };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The lowercase ASCII form of a domain (one trailing dot dropped), or `undefined` when it is not a
 * host name of LDH labels (internationalised names MUST be given in their `xn--` form).
 */
export function normaliseDomain(domain: unknown): string | undefined {
  if (typeof domain !== 'string') return undefined;
  const name = domain.toLowerCase().replace(/\.$/, '');
  if (name.length === 0 || name.length > 253 - NAME_PREFIX.length) return undefined;
  const labels = name.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) ? name : undefined;
}

/** The keyIds listed by a set of TXT records (`stackledger-key=…`, surrounding spaces ignored). */
export function listedKeyIds(records: readonly string[]): string[] {
  return records
    .map((r) => r.trim())
    .filter((r) => r.startsWith(RECORD_PREFIX))
    .map((r) => r.slice(RECORD_PREFIX.length).trim());
}

/**
 * Whether `domain` lists `keyId` at `_stackledger.<domain>`. Never throws: a failed lookup is
 * `not-confirmed` with reason LOOKUP_FAILED and the resolver's message.
 */
export async function dnsBinding(domain: string, keyId: string, resolver: TxtResolver): Promise<DnsBinding> {
  const normal = normaliseDomain(domain);
  if (normal === undefined)
    return { status: 'not-confirmed', reason: 'INVALID_DOMAIN', message: `not a domain name: ${String(domain).slice(0, 80)}` };
  try {
    parseDidKey(keyId);
  } catch (error) {
    return { status: 'not-confirmed', reason: 'INVALID_KEY_ID', message: (error as Error).message };
  }
  const name = NAME_PREFIX + normal;
  let records: string[];
  try {
    records = await resolver.resolveTxt(name);
  } catch (error) {
    const code = error instanceof DnsLookupError ? `${error.code}: ` : '';
    return { status: 'not-confirmed', reason: 'LOOKUP_FAILED', name, message: `${code}${(error as Error)?.message ?? String(error)}` };
  }
  if (records.length === 0) return { status: 'not-confirmed', reason: 'NO_TXT_RECORDS', name, message: `${name} has no TXT record` };
  const keyIds = listedKeyIds(records);
  if (keyIds.length === 0)
    return { status: 'not-confirmed', reason: 'NO_STACKLEDGER_RECORD', name, message: `${name} has no ${RECORD_PREFIX} record` };
  if (!keyIds.includes(keyId))
    return { status: 'not-confirmed', reason: 'KEY_NOT_LISTED', name, keyIds, message: `${name} does not list ${keyId}` };
  return { status: 'confirmed', name, keyIds };
}
