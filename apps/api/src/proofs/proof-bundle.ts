import { StoredEvent } from '@stackledger/event-store';
import { AnchoredBatch } from '@stackledger/projections';

/** One anchored event with its inclusion proof and where its batch was anchored. */
export interface EventProof {
  event: { seq: number; id: string; stream: string; type: string; data: Record<string, unknown>; recordedAt: string };
  merkle: { leaf: string; path: string[]; batch: { index: number; root: string; fromSeq: number; toSeq: number } };
  anchor: { chainId: number; contract: string; txHash: string; blockNumber: number };
}

/**
 * Everything an employer needs, checked against the chain alone: `stackledger-proof/1` for an
 * unsigned credential; `/2` for a signed one, adding `issuerKey`, the anchored registration of
 * the key that signed it.
 */
export type ProofBundle = EventProof & {
  format: 'stackledger-proof/1' | 'stackledger-proof/2';
  credential: Record<string, unknown>;
  issuerKey?: EventProof;
};

export function eventProof(event: StoredEvent, leaf: string, path: string[], batch: AnchoredBatch): EventProof {
  const { seq, id, stream, type, data, recordedAt } = event;
  return {
    event: { seq, id, stream, type, data, recordedAt },
    merkle: { leaf, path, batch: { index: batch.index, root: batch.root, fromSeq: batch.fromSeq, toSeq: batch.toSeq } },
    anchor: { chainId: batch.chainId, contract: batch.contract, txHash: batch.txHash, blockNumber: batch.blockNumber },
  };
}

export function proofBundle(credential: EventProof, issuerKey?: EventProof): ProofBundle {
  return {
    format: issuerKey === undefined ? 'stackledger-proof/1' : 'stackledger-proof/2',
    credential: (credential.event.data as { credential: Record<string, unknown> }).credential,
    ...credential,
    ...(issuerKey !== undefined && { issuerKey }),
  };
}
