import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { generateKeyPair, keyFileFromKeyPair, NAME_PREFIX, normaliseDomain, RECORD_PREFIX } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { parseArgv } from '../argv';
import { UsageError, type CliIo, type Command } from '../cli-io';
import { EXIT_CANT_CREATE } from '../exit-codes';
import { SERVICE_HELP, SERVICE_OPTIONS } from '../issue/service-options';
import { register } from './keys-register';

const HELP = `Usage: ledger keys generate --out FILE [--force] [--domain DOMAIN] [--json]
       ledger keys register --key FILE --issuer ID [--api-key KEY] [--url URL] [--json]

Generates an issuer signing key (Ed25519) and writes its key file, readable by its owner only
(mode 0600): it holds the secret key in clear. The ledger service never sees it; the issuer's
own tools sign credentials with it. Prints the key's did:key and the DNS TXT record that binds
it to the issuer's domain.

Options:
  --out FILE       where to write the key file; an existing file is never replaced...
  --force          ...unless this is given (the old key is then lost: revoke it first if it was
                   registered)
  --domain DOMAIN  the issuer's domain, to print the DNS record with its full name
  --json           print {keyId, file, dnsRecord} as JSON
  -h, --help       this help

register: signs a proof of possession with the key (now, for that issuer) and registers the key
with the ledger service (POST /v1/issuers/{id}/keys). Publish the DNS record first or after; the
service does not look at DNS, verifiers do.
${SERVICE_HELP}

Exit codes: 0 written / registered, 1 the service refused (its code and message are printed),
64 usage error, 65 the key file is unusable, 69 the service is unreachable, 73 the file cannot be
created (exists, no such folder, permission denied).`;

const SPEC = {
  out: { type: 'string' },
  force: { type: 'boolean' },
  domain: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...SERVICE_OPTIONS,
} as const;

/**
 * Writes `text` to `file` with mode 0600. Without `force`, an existing file is an error (the
 * exclusive create decides, so no check-then-write race); with it, the text goes to a new file in
 * the same folder first and is renamed over the old one, so a crash never leaves half a key.
 */
async function writeKeyFile(file: string, text: string, force: boolean): Promise<void> {
  const target = force ? join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`) : file;
  const handle = await open(target, 'wx', 0o600);
  try {
    await handle.chmod(0o600); // whatever the umask
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (!force) return;
  try {
    await rename(target, file);
  } catch (error) {
    await unlink(target).catch(() => undefined);
    throw error;
  }
}

function cannotWrite(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return `${file} exists: refusing to overwrite a key file (--force replaces it, and the old key is lost)`;
  if (code === 'ENOENT') return `cannot create ${file}: no such folder`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot create ${file}: permission denied`;
  if (code === 'EISDIR') return `cannot create ${file}: it is a folder`;
  return `cannot create ${file}: ${(error as Error).message}`;
}

async function generate(options: Record<string, unknown>, io: CliIo): Promise<number> {
  const file = options.out as string | undefined;
  if (file === undefined || file === '') throw new UsageError('missing --out FILE (where to write the key file)');
  const given = options.domain as string | undefined;
  const domain = given === undefined ? undefined : normaliseDomain(given);
  if (given !== undefined && domain === undefined)
    throw new UsageError(`--domain ${given} is not a domain name (e.g. uni.example; internationalised names in their xn-- form)`);

  const keyFile = keyFileFromKeyPair(generateKeyPair(nodeCryptoBackend));
  try {
    await writeKeyFile(file, `${JSON.stringify(keyFile, null, 2)}\n`, options.force === true);
  } catch (error) {
    io.err(`ledger keys generate: ${cannotWrite(file, error)}`);
    return EXIT_CANT_CREATE;
  }
  const name = `${NAME_PREFIX}${domain ?? '<your-domain>'}.`;
  const value = `${RECORD_PREFIX}${keyFile.keyId}`;
  if (options.json) {
    io.out(JSON.stringify({ keyId: keyFile.keyId, file, dnsRecord: { name, type: 'TXT', value } }, null, 2));
    return 0;
  }
  io.out(
    [
      `Wrote ${file} (mode 0600: it holds the secret key; keep it off shared disks, and keep a backup).`,
      `key id  ${keyFile.keyId}`,
      '',
      `To bind the key to ${domain ?? 'your domain'}, publish this DNS TXT record (one per active key):`,
      `  ${name}  3600  IN  TXT  "${value}"`,
      '',
      'Then register the key with the ledger: a proof of possession signed by this key, for your issuer id.',
    ].join('\n'),
  );
  return 0;
}

export const keysCommand: Command = {
  name: 'keys',
  summary: "generate an issuer's signing key file, register it with the ledger",
  help: HELP,
  async run(argv, io) {
    const { options, positionals } = parseArgv(argv, SPEC);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    const [action, ...rest] = positionals;
    if (action === 'register' && rest.length === 0) return register(options, io);
    if (action !== 'generate')
      throw new UsageError(
        action === undefined
          ? 'missing the action: ledger keys generate --out FILE'
          : `unknown action ${JSON.stringify(action)} (actions: generate, register)`,
      );
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    return generate(options, io);
  },
};
