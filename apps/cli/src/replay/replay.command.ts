import { replayAt, ReplayPoint } from '@stackledger/audit';
import { parseArgv } from '../argv';
import type { CliIo, Command } from '../cli-io';
import { UsageError } from '../cli-io';
import { FROM_FILE_HELP, LOG_SOURCE_HELP, LOG_SOURCE_OPTIONS, openLog } from '../ledger-log/log-source.options';

const HELP = `Usage: ledger replay (--at ISO-TIME | --at-seq N) [--data-dir DIR | --eventstore CONN | --database-url URL | --from-file FILE] [--learner ID] [--json]

Prints learners' balances and credential statuses as they stood at a time or after a seq,
rebuilt from the log alone. The same log always prints the same bytes.

Options:
  --at ISO-TIME       fold every event recorded up to this time; statuses (expiry) judged then
  --at-seq N          fold events 1..N; statuses judged at event N's time
  --learner ID        only this learner
${LOG_SOURCE_HELP}
${FROM_FILE_HELP}
  --json              print JSON
  -h, --help          this help`;

async function replay(argv: readonly string[], io: CliIo): Promise<number> {
  const spec = {
    at: { type: 'string' },
    'at-seq': { type: 'string' },
    learner: { type: 'string' },
    'from-file': { type: 'string' },
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
  const log = openLog(options, true);
  let result;
  try {
    result = await replayAt(log.source, replayPoint(options));
  } finally {
    await log.close();
  }
  const learner = options.learner as string | undefined;
  const balances = learner ? result.balances.filter((b) => b.learnerId === learner) : result.balances;
  const credentials = learner ? result.credentials.filter((c) => c.learnerId === learner) : result.credentials;
  if (options.json) {
    io.out(JSON.stringify({ ...result, balances, credentials }, null, 2));
    return 0;
  }
  io.out(`As of seq ${result.asOfSeq} (${result.asOf})`);
  for (const b of balances) {
    io.out(
      `\nlearner ${b.learnerId}: issued ${b.issued}, available ${b.available}, transferred ${b.transferred.total}, revoked ${b.revoked}, expired ${b.expired}, stacked ${b.stacked}`,
    );
    for (const c of credentials.filter((c) => c.learnerId === b.learnerId))
      io.out(`  ${c.status.padEnd(11)} ${c.credits.padStart(6)}  ${c.title}  (${c.id})`);
  }
  return 0;
}

function replayPoint(options: Readonly<Record<string, unknown>>): ReplayPoint {
  const at = options.at as string | undefined;
  const atSeq = options['at-seq'] as string | undefined;
  if ((at === undefined) === (atSeq === undefined)) throw new UsageError('give exactly one of --at ISO-TIME or --at-seq N');
  if (atSeq !== undefined) {
    if (!/^\d{1,15}$/.test(atSeq)) throw new UsageError('--at-seq must be a whole number');
    return { atSeq: Number(atSeq) };
  }
  const time = Date.parse(at as string);
  if (!/^\d{4}-\d{2}-\d{2}/.test(at as string) || Number.isNaN(time))
    throw new UsageError('--at must be an ISO-8601 time, e.g. 2026-11-25T10:00:00Z');
  return { at: new Date(time) };
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'balances and statuses as they stood at a time or seq',
  help: HELP,
  run: replay,
};
