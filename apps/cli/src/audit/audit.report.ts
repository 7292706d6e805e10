import { AuditReport } from '@stackledger/audit';

/** The audit report for people: verdict first, then totals, then the first divergence. */
export function auditText(report: AuditReport, source: string): string {
  const lines = [
    report.ok
      ? 'AUDIT PASSED: the log is contiguous and every anchored batch matches the chain'
      : `AUDIT FAILED: ${report.divergences.length} divergence(s)`,
    '',
    `  source            ${source}`,
    `  chain / contract  ${report.chainId} / ${report.contract}`,
    `  events            ${report.events} (seq 1-${report.lastSeq})`,
    `  batches checked   ${report.batchesChecked} (anchored through seq ${report.anchoredThroughSeq}; ${report.lastSeq - report.anchoredThroughSeq} events not yet anchored)`,
    `  revocations       ${report.revocationsInLog} in the log, ${report.revocationsOnChain} on chain, ${report.revocationsPending} not yet pushed on chain`,
    `  projections       ${report.projections.issuers} issuers, ${report.projections.credentials} credentials, ${report.projections.learners} learners (digest ${report.projections.digest})`,
  ];
  const first = report.firstDivergence;
  if (first) {
    lines.push(
      '',
      `  FIRST DIVERGENCE  ${first.seq !== undefined ? `seq ${first.seq}` : 'on chain'}${first.batch !== undefined ? `, batch ${first.batch}` : ''} [${first.check}]`,
      `                    ${first.reason}`,
    );
  }
  return lines.join('\n');
}
