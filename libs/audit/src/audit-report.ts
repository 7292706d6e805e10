export type AuditCheck =
  'contiguity' | 'event-hash' | 'batch-range' | 'batch-root' | 'batch-record' | 'revocation-missing-on-chain' | 'revocation-missing-in-log';

export interface Divergence {
  check: AuditCheck;
  /** The first seq the divergence concerns, when it concerns one. */
  seq?: number;
  batch?: number;
  reason: string;
}

export interface AuditReport {
  ok: boolean;
  chainId: number;
  contract: string;
  events: number;
  lastSeq: number;
  batchesOnChain: number;
  batchesChecked: number;
  anchoredThroughSeq: number;
  revocationsInLog: number;
  revocationsOnChain: number;
  /** Revocations after the last anchored batch: not expected on chain yet. */
  revocationsPending: number;
  projections: { issuers: number; credentials: number; learners: number; digest: string };
  firstDivergence?: Divergence;
  divergences: Divergence[];
}

/** Earliest seq first; a divergence with no seq (a chain-only revocation) after every one that has one. */
export function firstOf(divergences: readonly Divergence[]): Divergence | undefined {
  return [...divergences].sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity))[0];
}
