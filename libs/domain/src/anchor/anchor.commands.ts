import { Command } from '../shared/decider';

/**
 * Claims the next batch: `fromSeq` right after the last recorded batch, or the first orphaned
 * batch's range and root. A claim left open by another instance refuses it for `claimTtlMs` after
 * its `claimedAt`; an older one is taken over (that instance died mid-anchor). The instance's own
 * open claim is simply replaced.
 */
export type ClaimBatch = Command<
  'ClaimBatch',
  { fromSeq: number; toSeq: number; root: string; instanceId: string; claimedAt: string; claimTtlMs: number }
>;

/** Records the next batch as anchored, by this instance's transaction or copied from the chain. */
export type RecordBatch = Command<
  'RecordBatch',
  { index: number; root: string; fromSeq: number; toSeq: number; txHash: string; blockNumber: number }
>;

/** The chain holds only `chainBatchCount` batches: every recorded batch from that index on is orphaned. */
export type RecordBatchesOrphaned = Command<'RecordBatchesOrphaned', { chainBatchCount: number }>;

/** Revocations `fromSeq..toSeq` are on chain: `keys` of them by the transaction of `receipt`, or none in that stretch. */
export type RecordRevocationsPushed = Command<
  'RecordRevocationsPushed',
  { fromSeq: number; toSeq: number; keys: number; receipt?: { txHash: string; blockNumber: number } }
>;

/** The chain no longer holds the recorded `revoke` transaction `txHash`: its revocations and all later ones are to be pushed again. */
export type RecordRevocationsOrphaned = Command<'RecordRevocationsOrphaned', { txHash: string }>;

export type AnchorCommand = ClaimBatch | RecordBatch | RecordBatchesOrphaned | RecordRevocationsPushed | RecordRevocationsOrphaned;
