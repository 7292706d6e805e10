import { LogEvent } from './log-event';

/**
 * One NDJSON line of the exported log: the hashed envelope's six fields, then metadata (and the
 * leaf stored at append, when the store keeps it). Field order is fixed so exports diff cleanly.
 */
export function logLine(event: LogEvent): string {
  const { seq, id, stream, type, data, recordedAt, metadata, leaf } = event;
  return JSON.stringify({ seq, id, stream, type, data, recordedAt, metadata: metadata ?? {}, ...(leaf !== undefined && { leaf }) });
}
