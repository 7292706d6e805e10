import { ALL_PROJECTIONS, API_PROJECTIONS } from './all-projections';
import { InMemoryDocuments } from './in-memory-documents';
import { ClaimCodeAuth, LearnerAuth, LearnerGrantsView } from './learner-access.projection';
import { ProjectedEvent } from './projection';

const at = '2026-06-01T09:00:00.000Z';
let seq = 0;
const event = (type: string, data: Record<string, unknown>, apiKeyHash?: string): ProjectedEvent => ({
  seq: ++seq,
  stream: 'learner-L-1',
  type,
  data: { learnerId: 'L-1', ...data },
  recordedAt: at,
  ...(apiKeyHash && { metadata: { apiKeyHash } }),
});

function log(): ProjectedEvent[] {
  seq = 0;
  return [
    event('ClaimCodeIssued', { codeId: 'code-1', issuerId: 'iss-1', expiresAt: at, issuedAt: at }, 'hash-secret'),
    event('LearnerClaimed', { codeId: 'code-1', claimedAt: at }, 'hash-key-1'),
    event('AccessGranted', {
      grantId: 'g-1',
      institutionId: 'iss-2',
      scopes: ['read'],
      expiresAt: '2027-01-01T00:00:00.000Z',
      grantedAt: at,
    }),
    event('LearnerKeyRotated', { rotatedAt: at }, 'hash-key-2'),
    event('AccessWithdrawn', { grantId: 'g-1', withdrawnAt: at }),
  ];
}

describe('learner keys, claim codes and grants', () => {
  it('know the learner by its current key only; the claim code by its secret hash', () => {
    const docs = new InMemoryDocuments(API_PROJECTIONS);
    log().forEach((e) => docs.apply(e));
    expect(docs.get<LearnerAuth>('learner-auth', 'L-1')).toEqual({ learnerId: 'L-1', apiKeyHash: 'hash-key-2' });
    expect(['hash-key-1', 'hash-key-2'].map((h) => docs.get<{ learnerId: string }>('learner-key', h)?.learnerId)).toEqual(['L-1', 'L-1']);
    expect(docs.get<ClaimCodeAuth>('claim-code', 'code-1')).toEqual({ learnerId: 'L-1', secretHash: 'hash-secret' });
  });

  it('keep every hash out of the public read models; grants are there, with their withdrawal', () => {
    const docs = new InMemoryDocuments(ALL_PROJECTIONS);
    log().forEach((e) => docs.apply(e));
    expect(JSON.stringify([...docs.documents()])).not.toMatch(/hash-/);
    expect(docs.get<LearnerGrantsView>('learner-grants', 'L-1')).toEqual({
      learnerId: 'L-1',
      grants: [
        { grantId: 'g-1', institutionId: 'iss-2', scopes: ['read'], expiresAt: '2027-01-01T00:00:00.000Z', grantedAt: at, withdrawnAt: at },
      ],
    });
  });

  it('ignore a key hash planted in the metadata of an event that sets none', () => {
    const docs = new InMemoryDocuments(API_PROJECTIONS);
    seq = 0;
    docs.apply(
      event('AccessGranted', { grantId: 'g-1', institutionId: 'iss-2', scopes: ['read'], expiresAt: at, grantedAt: at }, 'planted'),
    );
    expect(docs.get('learner-key', 'planted')).toBeUndefined();
    expect(docs.get('learner-auth', 'L-1')).toBeUndefined();
  });
});
