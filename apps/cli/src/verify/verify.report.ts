import type { EndpointFailure, VerificationResult } from '@stackledger/verifier';
import type { DocumentVerification } from '@stackledger/verifier/open-badge';

/** Which endpoint answered, and which failed before it. */
export interface RpcReport {
  readonly used?: string;
  readonly failures: readonly EndpointFailure[];
}

/** The `--json` document: stable keys for machines. */
export function jsonReport(result: VerificationResult, exitCode: number, rpc: RpcReport): string {
  return JSON.stringify({ ...result, exitCode, rpc }, null, 2);
}

/** Verdicts for which the facts are backed by the chain; otherwise they are only the bundle's claims. */
const FACTS_VERIFIED = new Set(['valid', 'revoked', 'expired']);

/** The report for people: a verdict line, the reason, the facts. */
export function humanReport(result: VerificationResult | DocumentVerification, rpc: RpcReport): string {
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
  if (rpc.used || rpc.failures.length) lines.push('');
  for (const failure of rpc.failures) lines.push(`  ${failure.endpoint} failed: ${failure.error}`);
  if (rpc.used && result.verdict !== 'unreachable') lines.push(`  read the chain through ${rpc.used}`);
  return lines.join('\n');
}

function anchored(result: VerificationResult): string {
  const f = result.facts!;
  const where = `batch ${f.batchIndex} (block ${f.blockNumber}, tx ${f.txHash})`;
  return f.anchoredAt ? `${f.anchoredAt} in ${where}` : `in ${where}`;
}
