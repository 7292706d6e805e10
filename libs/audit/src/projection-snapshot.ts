import { ALL_PROJECTIONS, InMemoryDocuments } from '@stackledger/projections';

/**
 * Every read model as one deterministic JSON text: collections in projection order, documents
 * sorted by key. The same log always gives the same bytes.
 */
export function projectionSnapshot(documents: InMemoryDocuments): string {
  const collections = [...new Set(ALL_PROJECTIONS.map((p) => p.collection))];
  const snapshot = collections.map((collection) => {
    const entries = documents.entries(collection).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return [collection, Object.fromEntries(entries)] as const;
  });
  return JSON.stringify({ lastSeq: documents.lastSeq, collections: Object.fromEntries(snapshot) });
}
