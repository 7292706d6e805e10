import { StoredEvent } from '@stackledger/event-store';
import { AnchoredBatch } from '@stackledger/projections';

/** SPEC section 7: everything an employer needs, checked against the chain alone. */
export interface ProofBundle {
  format: 'stackledger-proof/1';
  credential: Record<string, unknown>;
  event: { seq: number; id: string; stream: string; type: string; data: Record<string, unknown>; recordedAt: string };
  merkle: { leaf: string; path: string[]; batch: { index: number; root: string; fromSeq: number; toSeq: number } };
  anchor: { chainId: number; contract: string; txHash: string; blockNumber: number };
}

export function proofBundle(event: StoredEvent, leaf: string, path: string[], batch: AnchoredBatch): ProofBundle {
  const { seq, id, stream, type, data, recordedAt } = event;
  return {
    format: 'stackledger-proof/1',
    credential: (data as { credential: Record<string, unknown> }).credential,
    event: { seq, id, stream, type, data, recordedAt },
    merkle: { leaf, path, batch: { index: batch.index, root: batch.root, fromSeq: batch.fromSeq, toSeq: batch.toSeq } },
    anchor: { chainId: batch.chainId, contract: batch.contract, txHash: batch.txHash, blockNumber: batch.blockNumber },
  };
}
