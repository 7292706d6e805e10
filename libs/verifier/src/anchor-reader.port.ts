/**
 * The chain as an outside verifier sees it through ONE RPC endpoint: its chain id, its newest
 * block, and the read-only view functions of the trusted StackLedgerAnchor contract, each read
 * at an explicit block number so that several endpoints can be compared fact by fact. Behind a
 * port so the verifier core stays pure (no ethers, no node: imports) and runs in Node and in the
 * browser alike.
 *
 * Adapters MUST throw {@link ChainUnavailableError} when the endpoint could not answer (network
 * error, timeout, HTTP 429 or 5xx, JSON-RPC error other than a revert, a block it does not have);
 * and {@link ContractCallError} when the endpoint answered but the contract did not answer as a
 * StackLedgerAnchor (revert, empty or undecodable return data).
 */
export interface AnchorReader {
  /** `eth_chainId` of the endpoint. */
  chainId(): Promise<bigint | number>;
  /** `eth_blockNumber`: the newest block the endpoint has. */
  blockNumber(): Promise<bigint | number>;
  /** `batchCount()` of the trusted contract at `block`. */
  batchCount(block: bigint): Promise<bigint | number>;
  /** `batch(index)` of the trusted contract at `block`. Preconditions: 0 <= index < batchCount(block). */
  batch(index: number, block: bigint): Promise<AnchoredBatch>;
  /** `revokedAt(credentialKey)` at `block`: seconds since the epoch, 0 when not revoked. Preconditions: 0x-hex, 32 bytes. */
  revokedAt(credentialKey: string, block: bigint): Promise<bigint | number>;
  /** `eth_getCode(address, block)`: `0x` when no contract lives there. Optional: without it, step "contract has code" is skipped. */
  code?(address: string, block: bigint): Promise<string>;
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

/**
 * The two failures above, shared with every other reader of the chain; taken from the file of the
 * chain library that imports nothing, so this core stays free of ethers.
 */
export { ChainUnavailableError, ContractCallError } from '@stackledger/chain/chain-errors';
