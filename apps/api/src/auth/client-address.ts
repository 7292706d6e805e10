import { isIP } from 'node:net';
import { normaliseAddress, TrustProxy } from '../config/config-rules';

/**
 * The address a request is charged to when it has no known key (see `TrustProxy`). The chain is the
 * TCP peer, then `X-Forwarded-For` read from the right (each proxy appends the address it got the
 * request from). Only trusted proxies are walked past, so a client cannot pick its own address by
 * sending the header: an untrusted setting ignores it, and an entry that is not an IP address
 * stops the walk at the proxy that reported it.
 */
export function clientAddressOf(trust: TrustProxy): (peer: string | undefined, forwardedFor: string | string[] | undefined) => string {
  return (peer, forwardedFor) => {
    const chain = [normaliseAddress(peer ?? 'unknown')];
    if (trust.kind === 'none') return chain[0];
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
    const reported = header === '' ? [] : header.split(',');
    const believed = (address: string) => (trust.kind === 'hops' ? chain.length <= trust.hops : trust.addresses.has(address));
    for (let i = reported.length - 1; i >= 0 && believed(chain[chain.length - 1]); i--) {
      const address = normaliseAddress(reported[i]);
      if (isIP(address) === 0) break;
      chain.push(address);
    }
    return chain[chain.length - 1];
  };
}
