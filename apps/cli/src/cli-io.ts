/** Where a command writes, so commands run in-process in tests and as a real process alike. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A bad command line: printed without a stack, exit code 64. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A subcommand of `ledger`: `run` resolves to the process exit code. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
