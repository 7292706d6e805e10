import { StackLedgerApiError } from '@stackledger/client';
import type { CliIo } from '../cli-io';
import { issuerSession, KeyFileUnusable } from '../issue/service-options';

/** Exit codes of `ledger keys register` and `ledger issue`, beside 0 and 64. */
export const EXIT_REFUSED = 1;
export const EXIT_DATA = 65;
export const EXIT_UNAVAILABLE = 69;

/** Maps what a call to the service threw to a message and an exit code; rethrows a bug. */
export function serviceFailure(error: unknown, io: CliIo, command: string): number {
  if (error instanceof StackLedgerApiError) {
    io.err(`ledger ${command}: refused: ${error.message}${error.body.field ? ` (field ${String(error.body.field)})` : ''}`);
    return EXIT_REFUSED;
  }
  if (error instanceof KeyFileUnusable) {
    io.err(`ledger ${command}: ${error.message}`);
    return EXIT_DATA;
  }
  if (error instanceof TypeError && /fetch failed/.test(error.message)) {
    io.err(`ledger ${command}: the service is unreachable: ${String((error.cause as Error | undefined)?.message ?? error.message)}`);
    return EXIT_UNAVAILABLE;
  }
  throw error;
}

/** `ledger keys register`: the key's proof of possession, made now, posted for the issuer. */
export async function register(options: Record<string, unknown>, io: CliIo): Promise<number> {
  try {
    const { client, keyPair, issuerId } = await issuerSession(options);
    const key = await client.registerKey(issuerId, keyPair);
    io.out(
      options.json ? JSON.stringify(key, null, 2) : `registered ${String(key.keyId)} for issuer ${issuerId} (status ${String(key.status)})`,
    );
    return 0;
  } catch (error) {
    return serviceFailure(error, io, 'keys register');
  }
}
