import { InMemoryDocuments } from './in-memory-documents';
import { LearnerView, learnerViewProjection } from './learner-view.projection';
import { ProjectedEvent } from './projection';

const T0 = '2026-01-01T00:00:00.000Z';
const L = 'learner-L-1';
const credential = (id: string) => ({
  id,
  issuerId: 'iss-1',
  learnerId: 'L-1',
  title: `t ${id}`,
  skills: ['sql'],
  credits: '2.5',
  hours: 30,
  level: 5,
  issuedAt: T0,
  validUntil: '2033-01-01T00:00:00.000Z',
  salt: '0x00',
});
const history: ProjectedEvent[] = [
  { type: 'CredentialIssued', data: { credential: credential('c-2') } },
  { type: 'CredentialIssued', data: { credential: credential('c-1') } },
  { type: 'CredentialIssued', data: { credential: credential('c-3') } },
  {
    type: 'CreditsTransferred',
    data: { transferId: 'tr-1', learnerId: 'L-1', toIssuerId: 'iss-2', programme: 'MSc', credentialIds: ['c-2'], transferredAt: T0 },
  },
  {
    type: 'QualificationAwarded',
    data: { credential: { ...credential('q-1'), pathwayId: 'pw-1', pathwayVersion: 1, components: ['c-1', 'c-3'] } },
  },
  { type: 'CredentialRevoked', data: { credentialId: 'c-2', learnerId: 'L-1', issuerId: 'iss-1', reason: 'fraud', revokedAt: T0 } },
].map((e, i) => ({ ...e, seq: i + 1, stream: L, recordedAt: T0 }));

const entry = (id: string, rest: string) =>
  `"${id}":{"issuerId":"iss-1","title":"t ${id}","credits":250,"level":5,"skills":["sql"],"issuedAt":"${T0}","validUntil":"2033-01-01T00:00:00.000Z",${rest}}`;

/**
 * The stored form of a learner view, byte for byte: persisted read models, API bodies and the audit's
 * projection digest all serialise it with JSON.stringify, so a change of representation must keep it.
 */
const STORED = `{"learnerId":"L-1","credentials":{${[
  entry('c-2', '"status":"revoked","transferId":"tr-1"'),
  entry('c-1', '"status":"stacked","qualificationId":"q-1"'),
  entry('c-3', '"status":"stacked","qualificationId":"q-1"'),
  entry('q-1', '"status":"active","qualification":{"pathwayId":"pw-1","pathwayVersion":1,"components":["c-1","c-3"]}'),
].join(',')}},"transfers":{"tr-1":{"toIssuerId":"iss-2","programme":"MSc","credentialIds":["c-2"],"transferredAt":"${T0}"}}}`;

describe('learner view serialisation', () => {
  it('keeps issuance order, updates entries in place and appends their links, in apply and evolve alike', () => {
    const documents = new InMemoryDocuments([learnerViewProjection]);
    history.forEach((e) => documents.apply(e));
    expect(JSON.stringify(documents.get<LearnerView>('learner', 'L-1'))).toBe(STORED);
    const evolved = history.reduce<LearnerView | null>((view, e) => learnerViewProjection.evolve(view, e), null);
    expect(JSON.stringify(evolved)).toBe(STORED);
  });

  it('folds further events into a document read back from its JSON as into the live one', () => {
    const more: ProjectedEvent = { seq: 7, stream: L, type: 'CredentialIssued', data: { credential: credential('c-4') }, recordedAt: T0 };
    const stored = JSON.parse(STORED) as LearnerView;
    const expected = STORED.replace('}},"transfers"', `},${entry('c-4', '"status":"active"')}},"transfers"`);
    expect(JSON.stringify(learnerViewProjection.evolve(stored, more))).toBe(expected);
    expect(JSON.stringify(learnerViewProjection.apply!(JSON.parse(STORED) as LearnerView, more))).toBe(expected);
  });
});
