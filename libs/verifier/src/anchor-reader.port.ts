/**
 * The chain as an outside verifier sees it: the read-only view functions of SPEC section 6 on ONE
 * trusted StackLedgerAnchor contract, behind a port so the verifier core stays pure (no ethers, no
 * node: imports) and runs in Node and in the browser alike.
 *
 * Adapters MUST throw {@link ChainUnavailableError} for transient endpoint failures (network error,
 * timeout, HTTP 429 or 5xx, JSON-RPC rate limit), so a {@link FailoverAnchorReader} can try the next
 * endpoint; and {@link ContractCallError} when the endpoint answered but the contract did not
 * answer as a StackLedgerAnchor (revert, empty or undecodable return data), which no other endpoint
 * of the same chain would answer differently.
 */
export interface AnchorReader {
  /** `eth_chainId` of the endpoint. */
  chainId(): Promise<bigint | number>;
  /** `batchCount()` of the trusted contract. */
  batchCount(): Promise<bigint | number>;
  /** `batch(index)` of the trusted contract. Preconditions: 0 <= index < batchCount(). */
  batch(index: number): Promise<AnchoredBatch>;
  /** `revokedAt(credentialKey)`: seconds since the epoch, 0 when not revoked. Preconditions: 0x-hex, 32 bytes. */
  revokedAt(credentialKey: string): Promise<bigint | number>;
  /** `eth_getCode(address)`: `0x` when no contract lives there. Optional: without it, step "contract has code" is skipped. */
  code?(address: string): Promise<string>;
}

/** A batch as the contract returns it. */
export interface AnchoredBatch {
  /** 0x-hex, 32 bytes (any case). */
  readonly root: string;
  readonly fromSeq: bigint | number;
  readonly toSeq: bigint | number;
  /** Block time of the anchoring transaction, seconds since the epoch. */
  readonly anchoredAt: bigint | number;
}

/** The endpoint could not answer now (network, timeout, rate limit, server error): try another one. */
export class ChainUnavailableError extends Error {
  constructor(message: string, readonly endpoint?: string) {
    super(message);
    this.name = 'ChainUnavailableError';
  }
}

/** The endpoint answered, but the contract did not answer as a StackLedgerAnchor would. */
export class ContractCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractCallError';
  }
}
