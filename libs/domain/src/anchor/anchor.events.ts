import { DomainEvent } from '../shared/decider';

/** The one stream of anchoring records; its optimistic concurrency is the lock between instances. */
export const ANCHOR_STREAM = 'anchor';

/**
 * The chain and contract records are about. The stream holds every contract's records, each
 * contract's apart: a new contract (a fresh local chain, a migration) starts again from batch 0.
 */
export interface ContractLocation {
  chainId: number;
  contract: string;
}

export const sameContract = (a: ContractLocation, b: ContractLocation): boolean =>
  a.chainId === b.chainId && a.contract.toLowerCase() === b.contract.toLowerCase();

/** Batch `index` of the contract: the events `fromSeq..toSeq` under `root`, anchored by transaction `txHash`. */
export interface AnchoredBatch {
  index: number;
  root: string;
  fromSeq: number;
  toSeq: number;
  chainId: number;
  contract: string;
  txHash: string;
  blockNumber: number;
}

/** Recorded before the anchoring transaction is sent; of several instances, only one claims the next batch. */
export interface BatchClaim {
  index: number;
  fromSeq: number;
  toSeq: number;
  root: string;
  chainId: number;
  contract: string;
  instanceId: string;
  claimedAt: string;
}

/**
 * A recorded batch the chain no longer holds (a reorganisation removed its transaction). The
 * record is void from here on; the same range and root are anchored again under the same index,
 * and that new `BatchAnchored` is the one read models and proofs show.
 */
export interface OrphanedBatch extends AnchoredBatch {
  /** How many batches the chain held when the loss was seen. */
  chainBatchCount: number;
}

/**
 * Every revocation with `fromSeq <= seq <= toSeq` is on chain (`keys` of them in transaction
 * `txHash`, after its confirmations). The records tile the seq line from 1, so the last `toSeq` is
 * how far revocations have been pushed; a record without a transaction moves that mark over a
 * stretch without revocations.
 */
export interface RevocationPush {
  fromSeq: number;
  toSeq: number;
  keys: number;
  chainId: number;
  contract: string;
  txHash?: string;
  blockNumber?: number;
}

/** A reorganisation removed the `revoke` transaction `txHash`: from `fromSeq` on, revocations are pushed again. */
export interface LostRevocations {
  fromSeq: number;
  chainId: number;
  contract: string;
  txHash: string;
}

export type AnchorClaimed = DomainEvent<'AnchorClaimed', BatchClaim>;
export type BatchAnchored = DomainEvent<'BatchAnchored', AnchoredBatch>;
export type BatchOrphaned = DomainEvent<'BatchOrphaned', OrphanedBatch>;
export type RevocationsPushed = DomainEvent<'RevocationsPushed', RevocationPush>;
export type RevocationsOrphaned = DomainEvent<'RevocationsOrphaned', LostRevocations>;

export type AnchorEvent = AnchorClaimed | BatchAnchored | BatchOrphaned | RevocationsPushed | RevocationsOrphaned;

export const ANCHOR_EVENT_TYPES = [
  'AnchorClaimed',
  'BatchAnchored',
  'BatchOrphaned',
  'RevocationsPushed',
  'RevocationsOrphaned',
] as const satisfies readonly AnchorEvent['type'][];
