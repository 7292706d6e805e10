import { ALL_PROJECTIONS } from './all-projections';
import { CredentialRecord, withDocument } from './credential-view.projection';
import { InMemoryDocuments } from './in-memory-documents';
import { learnerBalance } from './learner-balance';
import { LearnerView } from './learner-view.projection';
import { PATHWAY_INDEX_KEY, PathwayView } from './pathway.projection';
import { ProjectedEvent } from './projection';

const learner = 'L-1';
const T0 = '2026-01-01T00:00:00.000Z';
const doc = (id: string, credits: string, issuerId = 'iss-1', validUntil = '2033-01-01T00:00:00.000Z') => ({
  id,
  issuerId,
  learnerId: learner,
  title: `title ${id}`,
  skills: [id],
  credits,
  hours: 30,
  level: 5,
  issuedAt: T0,
  validUntil,
  salt: '0x00',
});

function fold(events: Array<Omit<ProjectedEvent, 'seq' | 'recordedAt'>>): InMemoryDocuments {
  const docs = new InMemoryDocuments(ALL_PROJECTIONS);
  events.forEach((e, i) => docs.apply({ ...e, seq: i + 1, recordedAt: T0 }));
  return docs;
}

const L = `learner-${learner}`;
const issue = (id: string, credits: string, validUntil?: string) => ({
  stream: L,
  type: 'CredentialIssued',
  data: { credential: doc(id, credits, 'iss-1', validUntil) },
});
const award = (id: string, credits: string, components: string[]) => ({
  stream: L,
  type: 'QualificationAwarded',
  data: {
    credential: {
      ...doc(id, credits, 'iss-1', '2033-06-01T00:00:00.000Z'),
      title: 'Diploma',
      pathwayId: 'pw-1',
      pathwayVersion: 2,
      components,
    },
  },
});
const revoke = (credentialId: string, extra: Record<string, unknown> = {}) => ({
  stream: L,
  type: 'CredentialRevoked',
  data: { credentialId, learnerId: learner, issuerId: 'iss-1', reason: 'fraud', revokedAt: T0, credits: '1', ...extra },
});

const cents = (v: string) => Math.round(Number(v) * 100);

describe('stacking in the read models', () => {
  const history = [
    issue('a', '4.5'),
    issue('b', '3'),
    issue('c', '2.5'),
    issue('d', '1.25'),
    issue('e', '2', '2026-03-01T00:00:00.000Z'),
    award('q', '10', ['a', 'b', 'c']),
  ];

  it('components show as stacked with their qualification; the qualification lists them', () => {
    const docs = fold(history);
    expect(docs.get<CredentialRecord>('credential', 'a')).toMatchObject({
      status: 'stacked',
      stack: { qualificationId: 'q', pathwayId: 'pw-1', stackedAt: T0 },
    });
    // The record keeps no copy of the document: it is read back from the log at issuedSeq.
    const record = docs.get<CredentialRecord>('credential', 'q')!;
    expect(record).toEqual({ id: 'q', status: 'active', issuedSeq: 6, revokedComponents: [] });
    expect(withDocument(record, { seq: 6, data: history[5].data })).toMatchObject({
      ...record,
      credential: { id: 'q', components: ['a', 'b', 'c'], pathwayVersion: 2 },
    });
    const view = docs.get<LearnerView>('learner', learner) as LearnerView;
    expect(Object.keys(view.credentials)).toEqual(['a', 'b', 'c', 'd', 'e', 'q']);
    expect(view.credentials.b).toMatchObject({ status: 'stacked', qualificationId: 'q' });
    expect(view.credentials.q.qualification).toEqual({ pathwayId: 'pw-1', pathwayVersion: 2, components: ['a', 'b', 'c'] });
  });

  it('the balance moves components to stacked, leaves the qualification out, and still adds up exactly', () => {
    const docs = fold(history);
    const balance = learnerBalance(
      docs.get<LearnerView>('learner', learner) as LearnerView,
      new Date('2026-06-01T00:00:00Z'),
      docs.lastSeq,
    );
    expect(balance).toMatchObject({
      issued: '13.25',
      available: '1.25',
      stacked: '10',
      expired: '2',
      revoked: '0',
      transferred: { total: '0' },
    });
    expect(balance.byIssuer).toEqual({ 'iss-1': { issued: '13.25', available: '1.25' } });
    const { issued, available, transferred, revoked, expired, stacked } = balance;
    expect(cents(issued)).toBe(cents(available) + cents(transferred.total) + cents(revoked) + cents(expired) + cents(stacked));
  });

  it('a revoked component leaves stacked for revoked and is surfaced on the qualification', () => {
    const docs = fold([...history, revoke('b', { qualificationId: 'q', credits: '3' })]);
    expect(docs.get<CredentialRecord>('credential', 'q')).toMatchObject({ status: 'active', revokedComponents: ['b'] });
    expect(docs.get<CredentialRecord>('credential', 'b')).toMatchObject({ status: 'revoked', stack: { qualificationId: 'q' } });
    const balance = learnerBalance(
      docs.get<LearnerView>('learner', learner) as LearnerView,
      new Date('2026-06-01T00:00:00Z'),
      docs.lastSeq,
    );
    expect(balance).toMatchObject({ issued: '13.25', stacked: '7', revoked: '3', available: '1.25', expired: '2' });
  });

  it('revoking the qualification leaves the balance alone: its components stay stacked', () => {
    const docs = fold([...history, revoke('q', { credits: '10' })]);
    expect(docs.get<CredentialRecord>('credential', 'q')?.status).toBe('revoked');
    const balance = learnerBalance(
      docs.get<LearnerView>('learner', learner) as LearnerView,
      new Date('2026-06-01T00:00:00Z'),
      docs.lastSeq,
    );
    expect(balance).toMatchObject({ issued: '13.25', stacked: '10', revoked: '0' });
  });

  it('pathway definitions keep every version and the index lists each pathway once', () => {
    const defined = (pathwayId: string, version: number) => ({
      stream: `pathway-${pathwayId}`,
      type: 'PathwayDefined',
      data: {
        pathwayId,
        issuerId: 'iss-1',
        version,
        title: `P ${version}`,
        minCredits: '10',
        minCredentials: 3,
        minLevel: 4.5,
        requiredSkills: [],
        acceptedIssuers: ['iss-1'],
        definedAt: `2026-0${version}-01T00:00:00.000Z`,
      },
    });
    const docs = fold([defined('p1', 1), defined('p2', 1), defined('p1', 2)]);
    expect(docs.get<PathwayView>('pathway', 'p1')).toMatchObject({
      definition: { version: 2, title: 'P 2' },
      firstDefinedAt: '2026-01-01T00:00:00.000Z',
      versions: [
        { version: 1, seq: 1 },
        { version: 2, seq: 3 },
      ],
    });
    expect(docs.get('pathway-index', PATHWAY_INDEX_KEY)).toEqual({ pathwayIds: ['p1', 'p2'] });
  });
});
