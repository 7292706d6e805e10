import { unknownType } from '../shared/decider';
import { popWhile, push } from '../shared/stack';
import { AnchoredBatch, AnchorEvent, OrphanedBatch, RevocationPush } from './anchor.events';
import { AnchorState } from './anchor.state';

/** Folds one record of the state's own contract (the decider leaves other contracts' records out). */
export function evolveAnchor(state: AnchorState, event: AnchorEvent): AnchorState {
  switch (event.type) {
    case 'AnchorClaimed':
      return { ...state, openClaim: event.data };
    case 'BatchAnchored':
      return anchored(state, event.data);
    case 'BatchOrphaned':
      return orphaned(state, event.data);
    case 'RevocationsPushed':
      return pushed(state, event.data);
    case 'RevocationsOrphaned': {
      const { fromSeq } = event.data;
      return {
        ...state,
        revocationsThroughSeq: Math.min(state.revocationsThroughSeq, fromSeq - 1),
        pushes: popWhile(state.pushes, (p) => p.fromSeq >= fromSeq),
      };
    }
    default:
      return unknownType('event', event);
  }
}

function anchored(state: AnchorState, batch: AnchoredBatch): AnchorState {
  const { openClaim, ...rest } = state;
  const next: AnchorState = {
    ...rest,
    batches: push(
      popWhile(state.batches, (b) => b.index >= batch.index),
      batch,
    ),
    orphaned: state.orphaned.filter((o) => o.index > batch.index),
  };
  if (openClaim && openClaim.index > batch.index) next.openClaim = openClaim;
  return next;
}

function orphaned(state: AnchorState, { index, root, fromSeq, toSeq, chainId, contract, txHash, blockNumber }: OrphanedBatch): AnchorState {
  const batch: AnchoredBatch = { index, root, fromSeq, toSeq, chainId, contract, txHash, blockNumber };
  return {
    ...state,
    batches: popWhile(state.batches, (b) => b.index >= index),
    orphaned: [...state.orphaned.filter((o) => o.index !== index), batch].sort((a, b) => a.index - b.index),
  };
}

function pushed(state: AnchorState, record: RevocationPush): AnchorState {
  const revocationsThroughSeq = Math.max(state.revocationsThroughSeq, record.toSeq);
  return { ...state, revocationsThroughSeq, pushes: record.txHash ? push(state.pushes, record) : state.pushes };
}
