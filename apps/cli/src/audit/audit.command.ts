import { AuditReport, RpcAuditChain, runAudit } from '@stackledger/audit';
import { ChainUnavailableError, JsonRpcAnchorReader } from '@stackledger/chain';
import { isAddress } from 'ethers';
import { parseArgv } from '../argv';
import type { CliIo, Command } from '../cli-io';
import { UsageError } from '../cli-io';
import { FROM_FILE_HELP, LOG_SOURCE_HELP, LOG_SOURCE_OPTIONS, openLog } from '../ledger-log/log-source.options';
import { progressReporter } from '../ledger-log/progress';
import { auditText } from './audit.report';

export const EXIT_AUDIT_DIVERGENCE = 1;
export const EXIT_AUDIT_UNREACHABLE = 6;

const HELP = `Usage: ledger audit --rpc URL --contract ADDRESS [--data-dir DIR | --eventstore CONN | --database-url URL | --from-file FILE] [--from-block N] [--json]

Replays the whole ledger log: checks seq contiguity, recomputes every event hash,
leaf and batch root and compares each with the contract, checks that every anchored revocation is
on chain and every revocation on chain is in the log, and rebuilds every projection from zero.
Reports totals and the FIRST divergence, named by seq and reason.

Options:
  --rpc URL           JSON-RPC endpoint of the chain
  --contract ADDR     the anchor contract (trusted, from the ledger operator)
${LOG_SOURCE_HELP}
${FROM_FILE_HELP}
  --from-block N      scan revocation logs from this block (the contract's deployment block)
  --json              print the report as JSON
  -h, --help          this help

Exit codes: 0 everything holds, 1 a divergence, 6 the chain cannot be reached, 64 usage error.`;

async function audit(argv: readonly string[], io: CliIo): Promise<number> {
  const spec = {
    rpc: { type: 'string' },
    contract: { type: 'string' },
    'from-file': { type: 'string' },
    'from-block': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    ...LOG_SOURCE_OPTIONS,
  } as const;
  const { options, positionals } = parseArgv(argv, spec);
  if (options.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const rpc = options.rpc as string | undefined;
  const contract = options.contract as string | undefined;
  if (!rpc) throw new UsageError('--rpc URL is required');
  if (!contract || !isAddress(contract)) throw new UsageError('--contract must be the anchor contract address');
  const fromBlock = Number((options['from-block'] as string | undefined) ?? 0);
  if (!Number.isSafeInteger(fromBlock) || fromBlock < 0) throw new UsageError('--from-block must be a block number');

  const log = openLog(options, true);
  // A log window of a busy contract can take a public RPC a while to answer.
  const chain = new RpcAuditChain(new JsonRpcAnchorReader(rpc, contract, { timeoutMs: 30_000 }), fromBlock);
  const progress = progressReporter();
  let report: AuditReport;
  try {
    report = await runAudit(log.source, chain, contract, progress.update);
  } catch (error) {
    progress.done();
    if (isUnreachable(error)) {
      io.err(`ledger audit: the chain at ${new URL(rpc).origin} cannot be reached: ${(error as Error).message.split('\n')[0]}`);
      return EXIT_AUDIT_UNREACHABLE;
    }
    throw error;
  } finally {
    await log.close();
  }
  progress.done();
  io.out(options.json ? JSON.stringify(report, null, 2) : auditText(report, log.describe));
  return report.ok ? 0 : EXIT_AUDIT_DIVERGENCE;
}

function isUnreachable(error: unknown): boolean {
  if (error instanceof ChainUnavailableError) return true;
  const text = String((error as { code?: string })?.code ?? '') + String((error as Error)?.message ?? '');
  return /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|NETWORK_ERROR|TIMEOUT|fetch failed|socket hang up/i.test(text);
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'replay the whole log and check every anchored root on chain',
  help: HELP,
  run: audit,
};
