import type { ChainReadReport, DnsReport, SignatureOnlyResult, SignatureReport, VerificationResult } from '@stackledger/verifier';
import type { DocumentVerification } from '@stackledger/verifier/open-badge';

/**
 * The `--json` document: stable keys for machines; `rpc` says at which block and through which
 * endpoints the chain was read, `disagreement` (verdict `inconsistent`) what each endpoint said.
 */
export function jsonReport(
  result: VerificationResult | SignatureOnlyResult | { verdict: string; reason: string },
  exitCode: number,
): string {
  return JSON.stringify({ ...result, exitCode }, null, 2);
}

/** Verdicts for which the facts are backed by the chain; otherwise they are only the bundle's claims. */
const FACTS_VERIFIED = new Set(['valid', 'revoked', 'expired', 'unsigned', 'dns-not-confirmed']);

/** The report for people: a verdict line, the reason, the facts. */
export function humanReport(result: VerificationResult | DocumentVerification): string {
  const lines = [`${result.verdict.toUpperCase()}: ${result.reason}`];
  if ('form' in result && result.form === 'open-badge')
    lines.push('  (an Open Badges 3.0 credential, checked through the StackLedger proof bundle it carries)');
  const f = result.facts;
  if (f) {
    lines.push('', FACTS_VERIFIED.has(result.verdict) ? 'credential' : 'credential, as the bundle CLAIMS it (not verified):');
    const rows: Array<[string, string | undefined]> = [
      ['learner', f.learnerId],
      ['issuer', f.issuerId],
      ['issuer name', f.issuerName && `${f.issuerName}${signedNote(result.signature)}`],
      ['issuer domain', f.issuerDomain],
      ['title', f.title],
      ['credits', f.credits],
      ['level', String(f.level)],
      ['issued', f.issuedAt],
      ['valid until', f.validUntil],
      ['revoked at', f.revokedAt],
      ['anchored', anchored(result)],
      ['chain', `${f.chainId}, contract ${f.contract}`],
      ['event seq', String(f.eventSeq)],
      ['credential key', f.credentialKey],
    ];
    for (const [label, value] of rows) if (value !== undefined) lines.push(`  ${label.padEnd(15)}${value}`);
  }
  if (result.signature) lines.push('', ...signatureLines(result.signature, result.dns));
  // An inconsistent verdict's reason already names each endpoint's answer; --json has them apart.
  if (result.rpc) lines.push('', ...rpcLines(result.rpc));
  return lines.join('\n');
}

function rpcLines(rpc: ChainReadReport): string[] {
  const answered = `${rpc.endpoints.filter((e) => e.status === 'answered').length} of ${rpc.endpoints.length} RPC endpoint(s)`;
  const needs = rpc.quorum > 1 ? `; a valid verdict needs ${rpc.quorum} that agree` : '';
  return [
    rpc.block === undefined
      ? `chain not read: ${answered} answered${needs}`
      : `chain read at block ${rpc.block} through ${answered}${needs}`,
    ...rpc.endpoints.map((e) => {
      const newest = e.head === undefined ? '' : `, newest block ${e.head}`;
      return `  ${e.endpoint}: ${e.status}${newest}${e.error ? ` (${e.error})` : ''}`;
    }),
  ];
}

function anchored(result: VerificationResult): string {
  const f = result.facts!;
  const where = `batch ${f.batchIndex} (block ${f.blockNumber}, tx ${f.txHash})`;
  return f.anchoredAt ? `${f.anchoredAt} in ${where}` : `in ${where}`;
}

const signedNote = (s: SignatureReport | undefined) =>
  s?.status === 'verified' ? " (signed by the issuer's key)" : ' (as the document states it, not proven by a signature)';

function signatureLines(s: SignatureReport, dns: DnsReport | undefined): string[] {
  const by = s.verificationMethod ? ` by ${s.keyId ?? s.verificationMethod}${s.created ? ` (created ${s.created})` : ''}` : '';
  const status = s.status === 'none' ? 'none: the credential carries no issuer signature' : `${s.status}: eddsa-jcs-2022${by}`;
  const lines = [`  ${'signature'.padEnd(15)}${status}`];
  const k = s.key;
  if (k) {
    const anchored = k.anchoredAt ? `, anchored ${k.anchoredAt}` : '';
    const revoked = k.revokedAt === undefined ? (k.anchoredAt ? '; not revoked' : '') : `; revoked on chain at ${k.revokedAt}`;
    lines.push(
      `  ${'signing key'.padEnd(15)}registered ${k.registeredAt} (ledger event ${k.eventSeq}, batch ${k.batchIndex}${anchored})${revoked}`,
    );
  }
  if (dns) lines.push(`  ${'dns'.padEnd(15)}${dnsLine(dns)}`);
  return lines;
}

function dnsLine(dns: DnsReport): string {
  if (dns.status === 'confirmed') return `confirmed: ${dns.name} lists the signing key`;
  if (dns.status === 'unchecked')
    return dns.reason === 'NOT_ASKED' ? 'unchecked (--check-dns looks it up)' : `unchecked: ${dns.message ?? dns.reason}`;
  return `not-confirmed (${dns.reason}): ${dns.message}`;
}

/** `--signature-only` for people: the verdict line, and what a signature alone does not show. */
export function signatureOnlyReport(result: SignatureOnlyResult | { verdict: string; reason: string }): string {
  const title = result.verdict === 'valid' ? 'SIGNATURE VERIFIED' : result.verdict.toUpperCase();
  const lines = [`${title}: ${result.reason}`];
  if ('proofs' in result) {
    for (const p of result.proofs)
      lines.push(`  ${'signed by'.padEnd(15)}${p.verificationMethod}${p.created ? ` (created ${p.created})` : ''}`);
  }
  return lines.join('\n');
}
