import { unknownType } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import {
  AnchorCommand,
  ClaimBatch,
  RecordBatch,
  RecordBatchesOrphaned,
  RecordRevocationsOrphaned,
  RecordRevocationsPushed,
} from './anchor.commands';
import {
  AnchorClaimed,
  AnchorEvent,
  BatchAnchored,
  BatchOrphaned,
  ContractLocation,
  RevocationsOrphaned,
  RevocationsPushed,
} from './anchor.events';
import { anchoredThroughSeq, AnchorState, batchCount, batchesFrom, blockingClaim, pushesNewestFirst } from './anchor.state';

/** Decides for the contract at `location`; every record it writes names that contract. */
export function decideAnchor(location: ContractLocation, command: AnchorCommand, state: AnchorState): AnchorEvent[] {
  switch (command.type) {
    case 'ClaimBatch':
      return [claimBatch(location, command, state)];
    case 'RecordBatch':
      return [recordBatch(location, command, state)];
    case 'RecordBatchesOrphaned':
      return orphanBatches(command, state);
    case 'RecordRevocationsPushed':
      return [recordPush(location, command, state)];
    case 'RecordRevocationsOrphaned':
      return [orphanPush(location, command, state)];
    default:
      return unknownType('command', command);
  }
}

function claimBatch({ chainId, contract }: ContractLocation, { data }: ClaimBatch, state: AnchorState): AnchorClaimed {
  const holder = blockingClaim(state, data);
  if (holder) {
    throw new DomainError(
      'BATCH.CLAIMED',
      `batch ${holder.index} was claimed by ${holder.instanceId} at ${holder.claimedAt}, less than ${data.claimTtlMs} ms before`,
      'instanceId',
    );
  }
  const index = batchCount(state);
  requireNextRange(state, index, data.fromSeq, data.toSeq);
  const orphan = state.orphaned[0];
  if (orphan && (orphan.fromSeq !== data.fromSeq || orphan.toSeq !== data.toSeq || orphan.root.toLowerCase() !== data.root.toLowerCase())) {
    throw new DomainError(
      'BATCH.NOT_ORPHANED_RANGE',
      `batch ${index} was orphaned with seq ${orphan.fromSeq}-${orphan.toSeq} and root ${orphan.root}: it is anchored again as it was`,
      'root',
    );
  }
  const { fromSeq, toSeq, root, instanceId, claimedAt } = data;
  return { type: 'AnchorClaimed', data: { index, fromSeq, toSeq, root, chainId, contract, instanceId, claimedAt } };
}

function recordBatch({ chainId, contract }: ContractLocation, { data }: RecordBatch, state: AnchorState): BatchAnchored {
  const { index, root, fromSeq, toSeq, txHash, blockNumber } = data;
  if (index !== batchCount(state)) {
    throw new DomainError('BATCH.NOT_NEXT', `batch ${index} is not the next one: ${batchCount(state)} are recorded`, 'index');
  }
  requireNextRange(state, index, fromSeq, toSeq);
  return { type: 'BatchAnchored', data: { index, root, fromSeq, toSeq, chainId, contract, txHash, blockNumber } };
}

/** The batches are contiguous from seq 1: each starts right after the one before. */
function requireNextRange(state: AnchorState, index: number, fromSeq: number, toSeq: number): void {
  const next = anchoredThroughSeq(state) + 1;
  if (fromSeq !== next || toSeq < fromSeq) {
    throw new DomainError('BATCH.NOT_NEXT', `batch ${index} must cover seq ${next} onwards, not ${fromSeq}-${toSeq}`, 'fromSeq');
  }
}

function orphanBatches({ data }: RecordBatchesOrphaned, state: AnchorState): BatchOrphaned[] {
  const { chainBatchCount } = data;
  return batchesFrom(state, chainBatchCount).map((batch) => ({ type: 'BatchOrphaned', data: { ...batch, chainBatchCount } }));
}

function recordPush({ chainId, contract }: ContractLocation, { data }: RecordRevocationsPushed, state: AnchorState): RevocationsPushed {
  const { fromSeq, toSeq, keys, receipt } = data;
  const next = state.revocationsThroughSeq + 1;
  const anchored = anchoredThroughSeq(state);
  if (fromSeq !== next || toSeq < fromSeq || toSeq > anchored) {
    throw new DomainError(
      'REVOCATION.NOT_NEXT',
      `revocations are pushed from seq ${next} up to the last anchored seq ${anchored}, not ${fromSeq}-${toSeq}`,
      'fromSeq',
    );
  }
  const record: RevocationsPushed['data'] = { fromSeq, toSeq, keys, chainId, contract };
  if (receipt) {
    record.txHash = receipt.txHash;
    record.blockNumber = receipt.blockNumber;
  }
  return { type: 'RevocationsPushed', data: record };
}

function orphanPush({ chainId, contract }: ContractLocation, { data }: RecordRevocationsOrphaned, state: AnchorState): RevocationsOrphaned {
  for (const push of pushesNewestFirst(state)) {
    if (push.txHash === data.txHash)
      return { type: 'RevocationsOrphaned', data: { fromSeq: push.fromSeq, chainId, contract, txHash: push.txHash } };
  }
  throw new DomainError('REVOCATION.PUSH_NOT_FOUND', `no live push of revocations was recorded with transaction ${data.txHash}`, 'txHash');
}
