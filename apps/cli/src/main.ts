import type { CliIo, Command } from './cli-io';
import { UsageError } from './cli-io';
import { EXIT_CODE_HELP, EXIT_INTERNAL, EXIT_NO_INPUT, EXIT_USAGE } from './exit-codes';
import { LogUnreadableError } from './ledger-log/log-source.options';
import { auditCommand } from './audit/audit.command';
import { exportCommand } from './export/export.command';
import { issueCommand } from './issue/issue.command';
import { keysCommand } from './keys/keys.command';
import { replayCommand } from './replay/replay.command';
import { verifyCommand } from './verify/verify.command';

/**
 * `ledger`: the StackLedger command line for employers, auditors and issuers. Subcommands dispatch by
 * name; each returns its exit code.
 */
const COMMANDS: readonly Command[] = [verifyCommand, keysCommand, issueCommand, auditCommand, replayCommand, exportCommand];

const HELP = `Usage: ledger <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Run \`ledger <command> --help\` for a command's options.

Exit codes:
${EXIT_CODE_HELP}`;

/** Runs `ledger` with `argv` (without node and script) and resolves to the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const command = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    (name === undefined ? io.err : io.out)(command ? command.help : HELP);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`ledger: unknown command ${JSON.stringify(name)} (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see ledger --help)`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ledger ${command.name}: ${e.message}\nRun \`ledger ${command.name} --help\` for usage.`);
      return EXIT_USAGE;
    }
    if (e instanceof LogUnreadableError) {
      io.err(`ledger ${command.name}: ${e.message}`);
      return EXIT_NO_INPUT;
    }
    io.err(`ledger ${command.name}: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_INTERNAL;
  }
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Process entry point: runs, flushes stdout, exits with the code (open sockets do not hold it). */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const code = await run(argv, processIo);
  process.stdout.write('', () => process.exit(code));
}

if (require.main === module) void main();
