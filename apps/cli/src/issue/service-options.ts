import { readFile } from 'node:fs/promises';
import { keyPairFromKeyFile, KeyFileError, type Ed25519KeyPair } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { StackLedgerClient } from '@stackledger/client';
import { UsageError } from '../cli-io';

/** Options shared by the commands that talk to a ledger service as an issuer. */
export const SERVICE_OPTIONS = {
  key: { type: 'string' },
  issuer: { type: 'string' },
  'api-key': { type: 'string' },
  url: { type: 'string' },
} as const;

export const SERVICE_HELP = `  --key FILE       the issuer's key file (ledger keys generate); it never leaves this machine
  --issuer ID      the issuer's id (as POST /v1/issuers returned it)
  --api-key KEY    the issuer's API key (default: $STACKLEDGER_API_KEY)
  --url URL        the ledger service (default: $STACKLEDGER_URL, else http://127.0.0.1:3000)`;

/** A refusal of the service (4xx/5xx) or a key file that cannot be used: exit 1 and 65 in the commands. */
export class KeyFileUnusable extends Error {}

export interface IssuerSession {
  readonly client: StackLedgerClient;
  readonly keyPair: Ed25519KeyPair;
  readonly issuerId: string;
}

export async function issuerSession(options: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): Promise<IssuerSession> {
  const file = options.key as string | undefined;
  const issuerId = options.issuer as string | undefined;
  const apiKey = (options['api-key'] as string | undefined) ?? env.STACKLEDGER_API_KEY;
  if (!file) throw new UsageError('missing --key FILE (the issuer key file)');
  if (!issuerId) throw new UsageError('missing --issuer ID');
  if (!apiKey) throw new UsageError('missing --api-key KEY (or STACKLEDGER_API_KEY)');
  const baseUrl = (options.url as string | undefined) ?? env.STACKLEDGER_URL ?? 'http://127.0.0.1:3000';
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`--url ${baseUrl} is not a URL`);
  }
  let keyPair: Ed25519KeyPair;
  try {
    keyPair = keyPairFromKeyFile(nodeCryptoBackend, await readFile(file, 'utf8'));
  } catch (error) {
    const why = error instanceof KeyFileError ? error.message : `cannot read ${file}: ${(error as Error).message}`;
    throw new KeyFileUnusable(why);
  }
  return { client: new StackLedgerClient({ baseUrl, apiKey, backend: nodeCryptoBackend }), keyPair, issuerId };
}
