import { isError, isHexString } from 'ethers';
import { anchorInterface } from './anchor-abi';
import { ContractCallError, type DecodedRevert } from './chain-errors';

/** What a revert means for whoever runs the ledger, where its name alone does not say. */
const HINTS: Readonly<Record<string, string>> = {
  AccessControlUnauthorizedAccount: 'the anchorer key lacks ANCHORER_ROLE on this contract',
};

/**
 * The revert data in an error: ethers' `CALL_EXCEPTION` carries it as `data`; a raw JSON-RPC error
 * object carries it in `data`, which some nodes nest (`{ data: { data: '0x…' } }`, Hardhat's
 * `{ data: { message, data } }`). Undefined when there is none (a revert without data).
 */
export function revertDataOf(error: unknown, depth = 0): string | undefined {
  if (isError(error, 'CALL_EXCEPTION')) return error.data ?? undefined;
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const record = error as Record<string, unknown>;
  if (typeof record.data === 'string' && isHexString(record.data) && record.data.length >= 10) return record.data;
  for (const key of ['data', 'error', 'info', 'cause']) {
    const nested = revertDataOf(record[key], depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/** Revert data decoded against the contract's errors (and Solidity's `Error(string)` / `Panic(uint256)`) with `Interface.parseError`. */
export function decodeRevert(data: string): DecodedRevert | undefined {
  try {
    const parsed = anchorInterface.parseError(data);
    return parsed ? { name: parsed.name, args: [...parsed.args] } : undefined;
  } catch {
    return undefined;
  }
}

/** The {@link ContractCallError} for `operation` reverting with `data`: `batch(9) reverted with StackLedgerAnchorIndexOutOfRange(9, 2)`. */
export function revertError(operation: string, data: string | undefined): ContractCallError {
  if (!data || data === '0x') return new ContractCallError(`${operation} reverted without data`);
  const revert = decodeRevert(data);
  if (!revert) return new ContractCallError(`${operation} reverted (data ${data.slice(0, 74)})`);
  const hint = HINTS[revert.name];
  return new ContractCallError(
    `${operation} reverted with ${revert.name}(${revert.args.map(String).join(', ')})${hint ? `: ${hint}` : ''}`,
    revert,
  );
}
