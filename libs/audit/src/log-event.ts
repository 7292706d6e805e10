/** One line of the ledger log as exported: the hashed envelope, its metadata, and the leaf stored at append when known. */
export interface LogEvent {
  seq: number;
  id: string;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
  metadata?: object;
  /** `keccak256(eventHash)` as the store computed it at append time (0x-hex), when the store keeps it. */
  leaf?: string;
}

/** The log in seq order, in pages, from a store or an export file. */
export type LogSource = AsyncIterable<LogEvent[]>;
