import { ALL_PROJECTIONS, API_PROJECTIONS } from './all-projections';
import { InMemoryDocuments } from './in-memory-documents';
import { IssuerAuth } from './issuer-key.projection';
import { IssuerView } from './issuer-view.projection';
import { ProjectedEvent } from './projection';

const profile = (issuerId: string) => ({
  issuerId,
  name: `Issuer ${issuerId}`,
  country: 'IN',
  accreditationCode: 'AC-1',
  contactEmail: 'r@example.edu',
  registeredAt: '2026-01-01T00:00:00.000Z',
});
let seq = 0;
const event = (stream: string, type: string, data: Record<string, unknown>, metadata?: Record<string, unknown>): ProjectedEvent => ({
  seq: ++seq,
  stream,
  type,
  data,
  recordedAt: '2026-01-01T00:00:00.000Z',
  ...(metadata && { metadata }),
});

describe('issuer key read models', () => {
  const log = (): ProjectedEvent[] => {
    seq = 0;
    return [
      // As a ledger written before v2 stored it: the key hash in the (anchored) data, nothing in metadata.
      event('issuer-old', 'IssuerRegistered', { ...profile('old'), apiKeyHash: 'hash-old' }, { actor: 'admin' }),
      event('issuer-new', 'IssuerRegistered.v2', profile('new'), { actor: 'admin', apiKeyHash: 'hash-new-1' }),
      event(
        'issuer-new',
        'IssuerApiKeyRotated',
        { issuerId: 'new', rotatedAt: '2026-02-01T00:00:00.000Z' },
        { actor: 'issuer:new', apiKeyHash: 'hash-new-2' },
      ),
      event('issuer-old', 'IssuerSuspended', { issuerId: 'old', suspendedAt: '2026-03-01T00:00:00.000Z' }, { actor: 'admin' }),
      event(
        'issuer-old',
        'IssuerApiKeyRotated',
        { issuerId: 'old', rotatedAt: '2026-03-02T00:00:00.000Z' },
        { actor: 'admin', apiKeyHash: 'hash-old-2' },
      ),
    ];
  };

  it('know each issuer by the hash of its current key, from metadata or (v1 events) from data', () => {
    const docs = new InMemoryDocuments(API_PROJECTIONS);
    log().forEach((e) => docs.apply(e));
    expect(docs.get<IssuerAuth>('issuer-auth', 'new')).toEqual({ issuerId: 'new', apiKeyHash: 'hash-new-2', status: 'active' });
    expect(docs.get<IssuerAuth>('issuer-auth', 'old')).toEqual({ issuerId: 'old', apiKeyHash: 'hash-old-2', status: 'suspended' });
    // Replaced hashes still name their issuer; that they are not current is what stops them.
    expect(
      ['hash-old', 'hash-old-2', 'hash-new-1', 'hash-new-2'].map((h) => docs.get<{ issuerId: string }>('issuer-key', h)?.issuerId),
    ).toEqual(['old', 'old', 'new', 'new']);
  });

  it('keep the key hash out of the public read models, whatever the shape it was stored in', () => {
    const docs = new InMemoryDocuments(ALL_PROJECTIONS);
    log().forEach((e) => docs.apply(e));
    expect(docs.get<IssuerView>('issuer', 'old')).toEqual({ ...profile('old'), status: 'suspended' });
    expect(docs.get<IssuerView>('issuer', 'new')).toEqual({ ...profile('new'), status: 'active' });
    expect(JSON.stringify([...docs.documents()])).not.toMatch(/hash-/);
  });

  it('ignore metadata of events that set no key', () => {
    const docs = new InMemoryDocuments(API_PROJECTIONS);
    seq = 0;
    docs.apply(event('issuer-x', 'IssuerRegistered.v2', profile('x'), { actor: 'admin', apiKeyHash: 'hash-x' }));
    docs.apply(
      event(
        'issuer-x',
        'IssuerSuspended',
        { issuerId: 'x', suspendedAt: '2026-03-01T00:00:00.000Z' },
        { actor: 'admin', apiKeyHash: 'planted' },
      ),
    );
    expect(docs.get('issuer-key', 'planted')).toBeUndefined();
    expect(docs.get<IssuerAuth>('issuer-auth', 'x')).toMatchObject({ apiKeyHash: 'hash-x', status: 'suspended' });
  });
});
