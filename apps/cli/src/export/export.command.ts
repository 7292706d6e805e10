import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { logLine } from '@stackledger/audit';
import { initMerkle } from '@stackledger/merkle';
import { parseArgv } from '../argv';
import type { CliIo, Command } from '../cli-io';
import { UsageError } from '../cli-io';
import { LOG_SOURCE_HELP, LOG_SOURCE_OPTIONS, openLog } from '../ledger-log/log-source.options';

const HELP = `Usage: ledger export --out FILE [--data-dir DIR | --eventstore CONN | --database-url URL]

Writes the whole ledger log, in seq order, as NDJSON: one event a line, each the envelope that is
hashed ({seq, id, stream, type, data, recordedAt}) plus its metadata and its Merkle leaf. \`ledger audit --from-file\`
and \`ledger replay --from-file\` read it back.

Options:
  --out FILE          where to write (- for standard output)
${LOG_SOURCE_HELP}
  -h, --help          this help`;

async function exportLog(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgv(argv, {
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...LOG_SOURCE_OPTIONS,
  });
  if (options.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const out = options.out as string | undefined;
  if (!out) throw new UsageError('--out FILE is required');
  await initMerkle();
  const log = openLog(options, false);
  const file = out === '-' ? process.stdout : createWriteStream(out, { encoding: 'utf8' });
  let events = 0;
  try {
    for await (const page of log.source) {
      const chunk = page.map((event) => `${logLine(event)}\n`).join('');
      if (!file.write(chunk)) await once(file, 'drain');
      events += page.length;
    }
  } finally {
    await log.close();
    if (file !== process.stdout) await new Promise<void>((resolve) => (file as NodeJS.WritableStream).end(() => resolve()));
  }
  io.err(`exported ${events} events from ${log.describe} to ${out === '-' ? 'standard output' : out}`);
  return 0;
}

export const exportCommand: Command = { name: 'export', summary: 'write the whole ledger log as NDJSON', help: HELP, run: exportLog };
