/**
 * The chain as the anchoring job and the proof endpoint see it: the StackLedgerAnchor contract of
 * SPEC section 6 behind one port, so the job is tested against a real EVM through the ethers
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
  /** Sends `revoke(keys)` and waits for confirmations. Preconditions: keys non-empty, 0x-hex 32 bytes. */
  revoke(keys: string[]): Promise<ChainReceipt>;
  /** Seconds since the epoch, 0 when not revoked. */
  revokedAt(key: string): Promise<number>;
  close(): Promise<void>;
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
