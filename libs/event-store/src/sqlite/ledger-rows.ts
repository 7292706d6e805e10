/** The row shapes the ledger file reads and writes (`ledger-file.ts`). */

/** A row as inserted: data as its canonical JSON (JCS) text, metadata as JSON text, the leaf as 32 bytes. */
export type LedgerRow = [
  seq: number,
  id: string,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
  leaf: Uint8Array,
];
/** What projections fold, seq 1..n: data as JSON text. */
export type ProjectedRowArray = [seq: number, stream: string, type: string, data: string, recordedAt: string, metadata?: string | null];
/** What the per-event hash check needs: the hashed envelope and the stored leaf (null in rows of schema v1). */
export type HashedRowArray = [
  seq: number,
  id: string,
  stream: string,
  type: string,
  data: string,
  recordedAt: string,
  leaf: Uint8Array | null,
];
/** A row as an export gives it (no revision), with the stored leaf (null in rows of schema v1). */
export type LogRowArray = [
  seq: number,
  id: string,
  stream: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
  leaf: Uint8Array | null,
];

/** The fields of an event that projections fold (`ProjectedEvent` of @stackledger/projections). */
export interface ProjectedRow {
  seq: number;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
  /** Only on rows of the types asked for (projections that read metadata name them: `metadataOf`). */
  metadata?: Record<string, unknown>;
}
