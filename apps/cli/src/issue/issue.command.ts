import { readFile } from 'node:fs/promises';
import type { CredentialFields, SignedBody } from '@stackledger/client';
import { parseArgv } from '../argv';
import { UsageError, type CliIo, type Command } from '../cli-io';
import { EXIT_NO_INPUT } from '../exit-codes';
import { EXIT_DATA, serviceFailure } from '../keys/keys-register';
import { InputError, parseCsv, parseJsonLines } from './issue-input';
import { issuerSession, SERVICE_HELP, SERVICE_OPTIONS } from './service-options';

const HELP = `Usage: ledger issue --key FILE --issuer ID [--api-key KEY] [--url URL] CREDENTIAL
  CREDENTIAL is one credential:  --learner ID --title TEXT --credits N --hours N --level N
                                 --assessment TYPE [--skill S]... [--description TEXT]
                                 [--credit-basis ncrf|ects] [--valid-until TIME] [--evidence-url URL]
  or many:                       --file FILE.csv | FILE.jsonl  [--batch-size N]

Builds each credential document on this machine, signs it (and its Open Badges 3.0 rendition)
with the issuer's key, and posts it: one to POST /v1/credentials, a file in batches of
--batch-size (default 500, at most 1000) to POST /v1/credentials:batch, each batch all or nothing.
CSV: a header row with the columns learnerId, title, description, skills (separated by ;),
credits, hours, level, creditBasis, assessment, validUntil, evidenceUrl. JSON lines: one object
per line with those fields (skills an array).

Options:
${SERVICE_HELP}
  --json           one credential: print the service's answer as JSON (default: its id)
  -h, --help       this help

Output: one credential prints its id (or JSON); a file prints a summary line on stdout, and a
progress bar on stderr when stderr is a terminal.

Exit codes: 0 every credential issued, 1 the service refused a batch (nothing of that batch was
stored; batches before it were: the summary says how many), 64 usage error, 65 bad input (a row
that cannot be read, an unusable key file), 66 the file cannot be read, 69 the service is
unreachable.`;

const SPEC = {
  ...SERVICE_OPTIONS,
  learner: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  skill: { type: 'string', multiple: true },
  credits: { type: 'string' },
  hours: { type: 'string' },
  level: { type: 'string' },
  'credit-basis': { type: 'string' },
  assessment: { type: 'string' },
  'valid-until': { type: 'string' },
  'evidence-url': { type: 'string' },
  file: { type: 'string' },
  'batch-size': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function fieldsOfFlags(o: Record<string, unknown>): CredentialFields {
  for (const name of ['learner', 'title', 'credits', 'hours', 'level', 'assessment']) {
    if (o[name] === undefined) throw new UsageError(`missing --${name} (or --file FILE for many credentials)`);
  }
  const number = (name: string) => {
    const n = Number(o[name]);
    if (!Number.isFinite(n)) throw new UsageError(`--${name} ${String(o[name])} is not a number`);
    return n;
  };
  const optional = (flag: string, field: string) => (o[flag] === undefined ? {} : { [field]: o[flag] as string });
  return {
    learnerId: o.learner as string,
    title: o.title as string,
    skills: (o.skill as string[] | undefined) ?? [],
    credits: o.credits as string,
    hours: number('hours'),
    level: number('level'),
    assessment: o.assessment as string,
    ...optional('description', 'description'),
    ...optional('credit-basis', 'creditBasis'),
    ...optional('valid-until', 'validUntil'),
    ...optional('evidence-url', 'evidenceUrl'),
  };
}

async function issueFile(file: string, options: Record<string, unknown>, io: CliIo): Promise<number> {
  const size = options['batch-size'] === undefined ? 500 : Number(options['batch-size']);
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new UsageError('--batch-size must be a whole number from 1 to 1000');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`ledger issue: cannot read ${file}: ${(error as Error).message}`);
    return EXIT_NO_INPUT;
  }
  let rows: CredentialFields[];
  try {
    rows = /\.csv$/i.test(file) ? parseCsv(text) : parseJsonLines(text);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(`ledger issue: ${file} ${error.message}`);
    return EXIT_DATA;
  }
  let issued = 0;
  const bar = progressBar(rows.length);
  try {
    const { client, keyPair, issuerId } = await issuerSession(options);
    const issuer = await client.issuer(issuerId);
    for (let i = 0; i < rows.length; i += size) {
      const batch: SignedBody[] = [];
      for (const [j, fields] of rows.slice(i, i + size).entries()) {
        try {
          batch.push(client.signed(fields, issuer, keyPair));
        } catch (error) {
          if (!(error instanceof Error && error.name === 'DomainError')) throw error;
          bar(issued, true);
          io.out(`issued ${issued} of ${rows.length} credentials from ${file}; stopped at row ${i + j + 1}`);
          io.err(`ledger issue: row ${i + j + 1}: ${error.message}`);
          return EXIT_DATA;
        }
      }
      issued += (await client.issueBatch(batch)).credentials.length;
      bar(issued);
    }
    bar(issued, true);
    io.out(`issued ${issued} of ${rows.length} credentials from ${file}`);
    return 0;
  } catch (error) {
    bar(issued, true);
    io.out(`issued ${issued} of ${rows.length} credentials from ${file}; stopped at row ${issued + 1}`);
    return serviceFailure(error, io, 'issue');
  }
}

/** A bar on a terminal's stderr; nothing when stderr is a pipe or a file. */
function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): (done: number, end?: boolean) => void {
  if (!stream.isTTY) return () => undefined;
  return (done, end = false) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (end) stream.write('\n');
  };
}

export const issueCommand: Command = {
  name: 'issue',
  summary: 'sign credentials with the issuer key and issue them (one, or a CSV / JSON lines file)',
  help: HELP,
  async run(argv, io) {
    const { options, positionals } = parseArgv(argv, SPEC);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (options.file !== undefined) return issueFile(options.file as string, options, io);
    const fields = fieldsOfFlags(options);
    try {
      const { client, keyPair, issuerId } = await issuerSession(options);
      const issuer = await client.issuer(issuerId);
      const answer = await client.issue(client.signed(fields, issuer, keyPair));
      io.out(options.json ? JSON.stringify(answer, null, 2) : String(answer.id));
      return 0;
    } catch (error) {
      if (error instanceof Error && error.name === 'DomainError') {
        io.err(`ledger issue: ${error.message}`);
        return EXIT_DATA;
      }
      return serviceFailure(error, io, 'issue');
    }
  },
};
