import type { ChainReadReport, VerificationResult } from '@stackledger/verifier';
import type { DocumentVerification } from '@stackledger/verifier/open-badge';

/**
 * The `--json` document: stable keys for machines; `rpc` says at which block and through which
 * endpoints the chain was read, `disagreement` (verdict `inconsistent`) what each endpoint said.
 */
export function jsonReport(result: VerificationResult, exitCode: number): string {
  return JSON.stringify({ ...result, exitCode }, null, 2);
}

/** Verdicts for which the facts are backed by the chain; otherwise they are only the bundle's claims. */
const FACTS_VERIFIED = new Set(['valid', 'revoked', 'expired']);

/** The report for people: a verdict line, the reason, the facts. */
export function humanReport(result: VerificationResult | DocumentVerification): string {
  const lines = [`${result.verdict.toUpperCase()}: ${result.reason}`];
  if ('form' in result && result.form === 'open-badge') lines.push('  (an Open Badges 3.0 credential, checked through the StackLedger proof bundle it carries)');
  const f = result.facts;
  if (f) {
    lines.push('', FACTS_VERIFIED.has(result.verdict) ? 'credential' : 'credential, as the bundle CLAIMS it (not verified):');
    const rows: Array<[string, string | undefined]> = [
      ['learner', f.learnerId],
      ['issuer', f.issuerId],
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
  // An inconsistent verdict's reason already names each endpoint's answer; --json has them apart.
  if (result.rpc) lines.push('', ...rpcLines(result.rpc));
  return lines.join('\n');
}

function rpcLines(rpc: ChainReadReport): string[] {
  const answered = `${rpc.endpoints.filter((e) => e.status === 'answered').length} of ${rpc.endpoints.length} RPC endpoint(s)`;
  const needs = rpc.quorum > 1 ? `; a valid verdict needs ${rpc.quorum} that agree` : '';
  return [
    rpc.block === undefined ? `chain not read: ${answered} answered${needs}` : `chain read at block ${rpc.block} through ${answered}${needs}`,
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
