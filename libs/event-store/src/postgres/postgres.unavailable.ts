import { StoreUnavailableError } from '../event-store.port';

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash,
// cannot connect now), and the socket errors of a server that is gone or not yet back.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const LOST_CONNECTION = /^Connection terminated|^Client has encountered a connection error|^timeout exceeded when trying to connect/;

/** Whether a driver error means the server did not answer, rather than refusing the statement. */
export function isConnectionFailure(error: unknown): boolean {
  // Not `instanceof Error`: socket errors are made by Node's own realm, which a test runner's sandbox does not share.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || code.startsWith('57P') || SOCKET_CODES.has(code))) return true;
  return typeof message === 'string' && LOST_CONNECTION.test(message);
}

/** Runs `call`, turning a lost or refused connection into `StoreUnavailableError`; other errors pass unchanged. */
export async function whileConnected<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isConnectionFailure(error)) throw new StoreUnavailableError('PostgreSQL', String((error as { message?: unknown }).message));
    throw error;
  }
}
