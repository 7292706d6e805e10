import { createHash } from 'node:crypto';
import { ALL_PROJECTIONS, InMemoryDocuments } from '@stackledger/projections';
import { AuditReport } from './audit-report';

/** Documents serialised per call: enough to amortise the call, small enough for a young string. */
const CHUNK = 256;

/**
 * One digest of every read model, the same for the same log, as 0x-hex: SHA-256 of the UTF-8
 * JSON text of ONE object whose members are the collections, in projection order,
 * each an array of its documents as `key, document, key, document, ...`, e.g.
 * `{"issuer":["i1",{...}],"credential":[],...}` (JSON as `JSON.stringify` writes it, no spaces).
 *
 * Documents come in the order the replay created them: by the seq of the event that created each
 * one (a document deleted and created again counts from its re-creation), and in the projection's
 * key order for one event; this is the order of `InMemoryDocuments`, which keeps each document in
 * place when an event updates it. That order is fixed by the log alone, and reading documents in
 * the order they were allocated is about three times faster than sorting them by key first (the
 * reads then jump across a heap of a gigabyte).
 *
 * It is the audit's own fingerprint, not one of the ledger's anchored hashes: SHA-256 because
 * Node computes it natively, several times faster than keccak in WASM, and a million-event
 * ledger's read models are about a gigabyte of JSON. The text is produced and hashed `CHUNK`
 * documents at a time: it would not fit in one string.
 */
export function projectionDigest(documents: InMemoryDocuments): string {
  return projectionSummary(documents).digest;
}

/** The counts the report shows and the digest, from one read of each collection. */
export function projectionSummary(documents: InMemoryDocuments): AuditReport['projections'] {
  const hash = createHash('sha256');
  const sizes = new Map<string, number>();
  const chunk: unknown[] = [];
  let separator = '{';
  for (const collection of new Set(ALL_PROJECTIONS.map((p) => p.collection))) {
    hash.update(`${separator}${JSON.stringify(collection)}:[`);
    separator = ',';
    const entries = documents.entries(collection);
    sizes.set(collection, entries.length);
    for (let from = 0; from < entries.length; from += CHUNK) {
      chunk.length = 0;
      for (let i = from; i < Math.min(from + CHUNK, entries.length); i++) chunk.push(entries[i][0], entries[i][1]);
      // The chunk's array without its brackets is exactly its part of the collection's array.
      const text = JSON.stringify(chunk);
      if (from > 0) hash.update(',');
      hash.update(text.slice(1, -1));
    }
    hash.update(']');
  }
  hash.update(separator === '{' ? '{}' : '}');
  return {
    issuers: sizes.get('issuer') ?? 0,
    credentials: sizes.get('credential') ?? 0,
    learners: sizes.get('learner') ?? 0,
    digest: `0x${hash.digest('hex')}`,
  };
}
