import { createHash } from 'node:crypto';
import { ALL_PROJECTIONS, InMemoryDocuments } from '@stackledger/projections';
import { projectionSummary } from './projection-digest';

const credential = (n: number) => ({
  id: `c${n}`,
  issuerId: 'i1',
  learnerId: `L${n % 7}`,
  title: 'SQL',
  credits: '4',
  level: 5,
  validUntil: '2033-01-01T00:00:00.000Z',
  issuedAt: '2026-01-01T00:00:00.000Z',
  salt: '0x01',
});

function fold(count: number): InMemoryDocuments {
  const documents = new InMemoryDocuments(ALL_PROJECTIONS);
  for (let n = 1; n <= count; n++) {
    documents.apply({
      seq: n,
      stream: `learner-L${n % 7}`,
      type: 'CredentialIssued',
      data: { credential: credential(n) },
      recordedAt: '2026-01-01T00:00:00.000Z',
    });
  }
  return documents;
}

describe('projectionSummary', () => {
  it('is SHA-256 of one JSON object of the collections, each [key, document, ...] in the order the replay created them', () => {
    // More credentials than one chunk holds: the chunks must join into the one text.
    const documents = fold(700);
    const text = JSON.stringify(
      Object.fromEntries([...new Set(ALL_PROJECTIONS.map((p) => p.collection))].map((c) => [c, documents.entries(c).flat()])),
    );
    expect(projectionSummary(documents)).toEqual({
      issuers: 0,
      credentials: 700,
      learners: 7,
      digest: `0x${createHash('sha256').update(text).digest('hex')}`,
    });
  });

  it('is the same for the same log and differs when a document differs', () => {
    expect(projectionSummary(fold(300)).digest).toBe(projectionSummary(fold(300)).digest);
    expect(projectionSummary(fold(300)).digest).not.toBe(projectionSummary(fold(301)).digest);
  });
});
