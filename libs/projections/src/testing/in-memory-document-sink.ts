import type { DocumentChange, DocumentSink, RebuildWrite } from '../document-sink.port';

/**
 * A document sink in memory, for unit tests of the processor. Documents are kept as JSON text, as
 * the SQLite sink keeps them, so a caller changing a document it was given changes nothing stored.
 * `writes` records what each write carried, for tests about batching.
 */
export class InMemoryDocumentSink implements DocumentSink {
  readonly documents = new Map<string, string>();
  readonly writes: { kind: 'batch' | 'rebuild'; throughSeq: number; documents: number }[] = [];
  private committed = 0;
  private rebuildOpen = false;

  checkpoint(): number {
    return this.committed;
  }

  get<D>(collection: string, key: string): D | undefined {
    const text = this.rebuildOpen ? undefined : this.documents.get(`${collection}/${key}`);
    return text === undefined ? undefined : (JSON.parse(text) as D);
  }

  apply(changes: Iterable<DocumentChange>, throughSeq: number): void {
    const staged = [...changes].map(
      ({ collection, key, document }) => [`${collection}/${key}`, document === null ? null : JSON.stringify(document)] as const,
    );
    for (const [id, text] of staged) {
      if (text === null) this.documents.delete(id);
      else this.documents.set(id, text);
    }
    this.committed = throughSeq;
    this.writes.push({ kind: 'batch', throughSeq, documents: staged.length });
  }

  openRebuildWrite(): RebuildWrite {
    if (this.committed !== 0 || this.rebuildOpen) throw new Error('a rebuild write needs empty documents and no other rebuild write');
    this.rebuildOpen = true;
    const staged = new Map<string, string>();
    return {
      insertDocuments: (documents) => {
        for (const [collection, key, document] of documents) staged.set(`${collection}/${key}`, JSON.stringify(document));
      },
      commit: (throughSeq) => {
        this.rebuildOpen = false;
        staged.forEach((text, id) => this.documents.set(id, text));
        this.committed = throughSeq;
        this.writes.push({ kind: 'rebuild', throughSeq, documents: staged.size });
      },
      abort: () => {
        this.rebuildOpen = false;
      },
    };
  }

  reset(): void {
    this.documents.clear();
    this.committed = 0;
  }
}
