import { dnsBinding, type TxtResolver } from '@stackledger/data-integrity';
import type { SignaturePass } from './signature-checks';
import type { CheckRecord, DnsReport } from './verdict';

/**
 * Step 10, only when asked (a resolver is given) and only for a signature that verified: does the
 * issuer's domain list the signing key at `_stackledger.<domain>`? Never throws (a failed lookup
 * is `not-confirmed`, reason LOOKUP_FAILED). The domain is the one in the signed document.
 */
export async function checkDns(
  signed: SignaturePass,
  domain: string | undefined,
  resolver: TxtResolver | undefined,
  checks: CheckRecord[],
): Promise<DnsReport> {
  if (!signed.signed)
    return { status: 'unchecked', reason: 'UNSIGNED', message: 'the credential is not signed: there is no key for DNS to confirm' };
  if (resolver === undefined) return { status: 'unchecked', reason: 'NOT_ASKED', ...(domain !== undefined && { domain }) };
  const name = 'DNS lists the signing key';
  if (domain === undefined) {
    const message = 'the credential names no issuer domain';
    checks.push({ step: 10, name, ok: false, detail: message });
    return { status: 'not-confirmed', reason: 'NO_DOMAIN', message };
  }
  const binding = await dnsBinding(domain, signed.keyId, resolver);
  if (binding.status === 'confirmed') {
    checks.push({ step: 10, name, ok: true, detail: `${binding.name} lists ${signed.keyId}` });
    return { status: 'confirmed', domain, name: binding.name, keyIds: binding.keyIds };
  }
  checks.push({ step: 10, name, ok: false, detail: `${binding.reason}: ${binding.message}` });
  return {
    status: 'not-confirmed',
    domain,
    reason: binding.reason,
    message: binding.message,
    ...(binding.name !== undefined && { name: binding.name }),
    ...(binding.keyIds !== undefined && { keyIds: binding.keyIds }),
  };
}
