import { isError } from 'ethers';
import { ChainUnavailableError, ContractCallError } from '../chain-errors';
import { revertDataOf, revertError } from '../revert';

/**
 * What a failed write means, from what ethers threw: the endpoint down (the transport's own
 * error, or ethers giving up waiting), a revert (`isError(…, 'CALL_EXCEPTION')`, or revert data
 * wherever the node put it) decoded with `Interface.parseError`, or anything else (a nonce or
 * funds problem the node reported) as a plain Error naming the operation.
 */
export function writeError(operation: string, endpoint: string, error: unknown): Error {
  if (error instanceof ChainUnavailableError) return ChainUnavailableError.during(operation, error);
  if (error instanceof ContractCallError) return error;
  // Revert data can come with any error: a node that mines on receipt (Hardhat) refuses a
  // reverting eth_sendRawTransaction with it, which ethers cannot classify.
  const data = revertDataOf(error);
  if (data) return revertError(operation, data);
  if (isError(error, 'CALL_EXCEPTION')) return new ContractCallError(`${operation} reverted without data: ${shortMessage(error)}`);
  if (isError(error, 'TIMEOUT')) return ChainUnavailableError.during(operation, new ChainUnavailableError(shortMessage(error), endpoint));
  const wrapped = new Error(`${operation} failed: ${shortMessage(error)}`);
  (wrapped as { code?: string }).code = (error as { code?: string })?.code;
  return wrapped;
}

export function shortMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { shortMessage?: string; message?: string; code?: string };
    const text = e.shortMessage || e.message || String(error);
    return e.code && !text.includes(e.code) ? `${text} (${e.code})` : text;
  }
  return String(error);
}
