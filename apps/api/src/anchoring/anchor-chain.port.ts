/**
 * The chain as the anchoring job and the proof endpoint see it: the StackLedgerAnchor contract
 * behind one port, so the job is tested against a real EVM through the ethers
 * adapter and nothing else imports ethers.
 */
export interface ChainLocation {
  chainId: number;
  /** Checksummed contract address. */
  contract: string;
  /** Where verifiers look; never carries credentials (strip any API key from a provider URL). */
  rpcUrl: string;
}

export interface OnChainBatch {
  index: number;
  root: string;
  fromSeq: number;
  toSeq: number;
  /** Block time of the anchoring block, seconds since the epoch. */
  anchoredAt: number;
}

export interface ChainReceipt {
  txHash: string;
  blockNumber: number;
}

export interface AnchorChain {
  location(): ChainLocation;
  /** Latest block number; throws when the RPC cannot be reached. */
  ping(): Promise<number>;
  batchCount(): Promise<number>;
  /** Preconditions: 0 <= index < batchCount(). */
  batch(index: number): Promise<OnChainBatch>;
  /** The transaction that anchored batch `index`, found from its `BatchAnchored` log. */
  anchorReceipt(index: number): Promise<ChainReceipt>;
  /**
   * Sends `anchor(root, fromSeq, toSeq)` and waits for the configured confirmations.
   * Throws `AnchorRangeTakenError` when the contract reverts because the range is no longer next
   * (another writer anchored first), other errors as they come.
   */
  anchor(root: string, fromSeq: number, toSeq: number): Promise<ChainReceipt>;
  /**
   * Signs and broadcasts `revoke(keys)` with the next nonce and returns without waiting for it to
   * be mined, so several can be in flight with consecutive nonces; `wait()` resolves after the
   * configured confirmations (rejects when it reverted or timed out). The gas limit is
   * `revokeGasLimit(keys.length)`. Preconditions: 1 <= keys.length <= MAX_REVOKE_KEYS, each 0x-hex
   * of 32 bytes.
   */
  sendRevoke(keys: string[]): Promise<SentTransaction>;
  /**
   * The receipt of a transaction the chain holds now, or undefined when it holds none (never
   * mined, or removed by a reorganisation).
   */
  receiptOf(txHash: string): Promise<ChainReceipt | undefined>;
  /** Seconds since the epoch, 0 when not revoked. */
  revokedAt(key: string): Promise<number>;
  close(): Promise<void>;
}

export interface SentTransaction {
  txHash: string;
  wait(): Promise<ChainReceipt>;
}

/** The contract's cap on `toSeq - fromSeq` (exclusive), `MAX_BATCH_SPAN`: a longer backlog is anchored in several batches. */
export const MAX_BATCH_SPAN = 2 ** 32;

/**
 * What one `revoke` costs, measured on the compiled contract (test/contracts/revoke-gas.test.ts
 * checks these bounds): about 24,500 gas per key never revoked before (a fresh storage slot and an
 * event), under 3,000 for a key already revoked, about 24,400 for the transaction itself.
 */
export const REVOKE_GAS_PER_KEY = 25_000;
export const REVOKE_GAS_BASE = 30_000;
/** EIP-7825: no transaction may use more gas than this. */
export const TX_GAS_CAP = 2 ** 24;
/** Keys per `revoke`: the most whose gas limit stays under half the per-transaction cap (8,030,000 gas). */
export const MAX_REVOKE_KEYS = 320;

/** The gas limit of a `revoke` of `count` keys: enough for as many fresh keys, and never above half the cap. */
export function revokeGasLimit(count: number): number {
  return REVOKE_GAS_BASE + REVOKE_GAS_PER_KEY * count;
}

export const ANCHOR_CHAIN = Symbol('ANCHOR_CHAIN');

export class AnchorRangeTakenError extends Error {
  constructor(
    readonly expectedFromSeq: number,
    readonly fromSeq: number,
  ) {
    super(`the contract expects the next batch to start at seq ${expectedFromSeq}, not ${fromSeq}`);
    this.name = 'AnchorRangeTakenError';
  }
}
