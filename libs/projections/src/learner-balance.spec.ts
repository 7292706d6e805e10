import { InMemoryDocuments } from './in-memory-documents';
import { ALL_PROJECTIONS } from './all-projections';
import { learnerBalance } from './learner-balance';
import { LearnerView } from './learner-view.projection';
import { ProjectedEvent } from './projection';

const learner = 'L-1';
let seq = 0;
const ev = (type: string, data: Record<string, unknown>, stream = `learner-${learner}`): ProjectedEvent => ({
  seq: ++seq,
  stream,
  type,
  data,
  recordedAt: '2026-01-01T00:00:00.000Z',
});
const issued = (id: string, credits: string, level: number, issuerId: string, validUntil = '2033-01-01T00:00:00.000Z') =>
  ev('CredentialIssued', {
    credential: { id, issuerId, learnerId: learner, title: id, credits, level, validUntil, issuedAt: '2026-01-01T00:00:00.000Z' },
  });

function fold(events: ProjectedEvent[]): InMemoryDocuments {
  const docs = new InMemoryDocuments(ALL_PROJECTIONS);
  events.forEach((e) => docs.apply(e));
  return docs;
}

describe('learnerBalance', () => {
  beforeEach(() => (seq = 0));

  it('puts every credential in exactly one bucket, so issued = available + transferred + revoked + expired', () => {
    const docs = fold([
      issued('a', '4.5', 4.5, 'iss-1'),
      issued('b', '3', 5, 'iss-1'),
      issued('c', '0.25', 5, 'iss-2'),
      issued('d', '2', 6, 'iss-2', '2026-06-01T00:00:00.000Z'),
      ev('CreditsTransferred', {
        transferId: 't1',
        learnerId: learner,
        toIssuerId: 'iss-9',
        programme: 'MSc',
        credentialIds: ['a', 'b'],
        credits: '7.5',
        transferredAt: '2026-02-01T00:00:00.000Z',
      }),
      ev('CredentialRevoked', {
        credentialId: 'b',
        learnerId: learner,
        issuerId: 'iss-1',
        reason: 'x',
        revokedAt: '2026-03-01T00:00:00.000Z',
        transferId: 't1',
        toIssuerId: 'iss-9',
      }),
    ]);
    const balance = learnerBalance(
      docs.get<LearnerView>('learner', learner) as LearnerView,
      new Date('2026-11-25T00:00:00Z'),
      docs.lastSeq,
    );
    expect(balance).toEqual({
      learnerId: learner,
      issued: '9.75',
      available: '0.25',
      transferred: { total: '4.5', byInstitution: { 'iss-9': '4.5' } },
      revoked: '3',
      expired: '2',
      stacked: '0',
      byLevel: {
        '4.5': { issued: '4.5', available: '0' },
        '5': { issued: '3.25', available: '0.25' },
        '6': { issued: '2', available: '0' },
      },
      byIssuer: { 'iss-1': { issued: '7.5', available: '0' }, 'iss-2': { issued: '2.25', available: '0.25' } },
      asOfSeq: 6,
    });
  });

  it('is exact where floating point is not: 0.1 + 0.2 style sums', () => {
    const docs = fold([issued('a', '0.1', 5, 'i'), issued('b', '0.2', 5, 'i'), issued('c', '0.07', 5, 'i')]);
    const balance = learnerBalance(docs.get<LearnerView>('learner', learner) as LearnerView, new Date('2026-11-25T00:00:00Z'), 3);
    expect(balance.issued).toBe('0.37');
    expect(balance.available).toBe('0.37');
  });

  it('replaying the same events twice gives byte-identical documents', () => {
    const events = [
      issued('a', '1', 5, 'i'),
      issued('b', '2', 5, 'j'),
      ev('CredentialRevoked', { credentialId: 'a', learnerId: learner, issuerId: 'i', reason: 'r', revokedAt: '2026-03-01T00:00:00.000Z' }),
    ];
    const first = fold(events);
    const second = fold(events.map((e) => structuredClone(e)));
    for (const collection of ['learner', 'credential']) {
      expect(JSON.stringify(second.entries(collection))).toBe(JSON.stringify(first.entries(collection)));
    }
  });
});
