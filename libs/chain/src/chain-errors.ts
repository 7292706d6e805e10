/**
 * The two ways a chain call fails, the same for every caller. This file imports nothing, so pure
 * code (the verifier's core) takes the error types from `@stackledger/chain/chain-errors` without
 * loading ethers.
 */

/**
 * The endpoint could not answer: network error, timeout, HTTP 429 or 5xx, a reply that is not
 * JSON-RPC, or a JSON-RPC error other than a revert (a block it does not have, a rate limit).
 * Neither the message nor `endpoint` carries credentials.
 */
export class ChainUnavailableError extends Error {
  constructor(
    message: string,
    /** The endpoint's display name (its URL without credentials), when known. */
    readonly endpoint?: string,
    /** What was being done, once {@link during} has said so. */
    readonly operation?: string,
  ) {
    super(message);
    this.name = 'ChainUnavailableError';
  }

  /** `cause` naming the operation that met it, as the server's logs and health report show it; `cause` itself when it names one already. */
  static during(operation: string, cause: ChainUnavailableError): ChainUnavailableError {
    if (cause.operation !== undefined) return cause;
    return new ChainUnavailableError(
      `chain RPC ${cause.endpoint ?? '(unnamed)'} unavailable during ${operation}: ${cause.message}`,
      cause.endpoint,
      operation,
    );
  }
}

/** A revert decoded against the contract's errors: `StackLedgerAnchorIndexOutOfRange(5, 2)`. */
export interface DecodedRevert {
  readonly name: string;
  readonly args: readonly unknown[];
}

/**
 * The endpoint answered, but the contract did not answer as a StackLedgerAnchor would: a revert
 * (with `revert` when its data names one of the contract's errors), or empty or undecodable
 * return data.
 */
export class ContractCallError extends Error {
  constructor(
    message: string,
    readonly revert?: DecodedRevert,
  ) {
    super(message);
    this.name = 'ContractCallError';
  }
}
