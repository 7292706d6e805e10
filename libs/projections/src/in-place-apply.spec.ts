import fc from 'fast-check';
import { ALL_PROJECTIONS } from './all-projections';
import { InMemoryDocuments } from './in-memory-documents';
import { DocumentProjection, ProjectedEvent } from './projection';

const T0 = '2026-01-01T00:00:00.000Z';
const learners = ['L-1', 'L-2', 'L-3'];

/** The pure reference: every projection folded with `evolve` only, documents never mutated. */
function foldWithEvolve(events: ProjectedEvent[]): Map<string, unknown> {
  const docs = new Map<string, unknown>();
  for (const event of events) {
    for (const projection of ALL_PROJECTIONS) {
      for (const key of projection.keysOf(event)) {
        const id = `${projection.collection}/${key}`;
        const next = projection.evolve((docs.get(id) ?? null) as never, event);
        if (next === null) docs.delete(id);
        else docs.set(id, next);
      }
    }
  }
  return docs;
}

function snapshot(documents: InMemoryDocuments): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const collection of new Set(ALL_PROJECTIONS.map((p) => p.collection))) {
    for (const [key, doc] of documents.entries(collection)) out.set(`${collection}/${key}`, doc);
  }
  return out;
}

type Step = { kind: 'issue' | 'revoke' | 'transfer' | 'award'; learner: number; pick: number[] };

/** A learner history built from random steps, referring only to credentials that exist (or not: unknown ids are ignored alike). */
function eventsOf(steps: Step[]): ProjectedEvent[] {
  const held = learners.map(() => [] as string[]);
  let n = 0;
  return steps.map((step, i) => {
    const learnerId = learners[step.learner];
    const mine = held[step.learner];
    const some = step.pick.map((p) => mine[p % Math.max(mine.length, 1)] ?? `unknown-${p}`);
    const id = `c-${n++}`;
    const credential = {
      id,
      issuerId: 'iss-1',
      learnerId,
      title: `t ${id}`,
      skills: ['sql'],
      credits: '2.5',
      hours: 30,
      level: 5,
      issuedAt: T0,
      validUntil: '2033-01-01T00:00:00.000Z',
      salt: '0x00',
    };
    const base = { seq: i + 1, stream: `learner-${learnerId}`, recordedAt: T0 };
    switch (step.kind) {
      case 'issue':
        mine.push(id);
        return { ...base, type: 'CredentialIssued', data: { credential } };
      case 'revoke':
        return {
          ...base,
          type: 'CredentialRevoked',
          data: {
            credentialId: some[0],
            learnerId,
            issuerId: 'iss-1',
            reason: 'fraud',
            revokedAt: T0,
            credits: '1',
            ...(some[1] && { qualificationId: some[1] }),
          },
        };
      case 'transfer':
        return {
          ...base,
          type: 'CreditsTransferred',
          data: { transferId: `tr-${i}`, learnerId, toIssuerId: 'iss-2', programme: 'MSc', credentialIds: some, transferredAt: T0 },
        };
      case 'award':
        mine.push(id);
        return {
          ...base,
          type: 'QualificationAwarded',
          data: { credential: { ...credential, pathwayId: 'pw-1', pathwayVersion: 1, components: some } },
        };
    }
  });
}

const step = fc.record({
  kind: fc.constantFrom<Step['kind']>('issue', 'issue', 'revoke', 'transfer', 'award'),
  learner: fc.integer({ min: 0, max: learners.length - 1 }),
  pick: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
});

describe('in-place apply (the fast path of in-memory and batched folds)', () => {
  it('gives byte-identical documents to the pure evolve fold, and leaves the events untouched', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const events = eventsOf(steps);
        const before = JSON.stringify(events);
        const documents = new InMemoryDocuments(ALL_PROJECTIONS);
        events.forEach((e) => documents.apply(e));
        const reference = foldWithEvolve(eventsOf(steps));
        const fast = snapshot(documents);
        expect([...fast.keys()].sort()).toEqual([...reference.keys()].sort());
        for (const [id, doc] of reference) expect(JSON.stringify(fast.get(id))).toBe(JSON.stringify(doc));
        expect(JSON.stringify(events)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('evolve stays pure: the document it is given is not changed', () => {
    const projections = ALL_PROJECTIONS.filter((p) => p.apply) as DocumentProjection<unknown>[];
    expect(projections.map((p) => p.collection).sort()).toEqual(['credential', 'learner']);
    const events = eventsOf([
      { kind: 'issue', learner: 0, pick: [0] },
      { kind: 'issue', learner: 0, pick: [0] },
      { kind: 'award', learner: 0, pick: [0, 1] },
      { kind: 'revoke', learner: 0, pick: [0, 2] },
      { kind: 'transfer', learner: 0, pick: [1] },
    ]);
    for (const projection of projections) {
      let doc: unknown = null;
      for (const event of events) {
        for (const _key of projection.keysOf(event).slice(0, 1)) {
          const frozen = JSON.stringify(doc);
          const next = projection.evolve(doc, event);
          expect(JSON.stringify(doc)).toBe(frozen);
          doc = next;
        }
      }
    }
  });

  it('startsFresh only where evolve ignores the current document', () => {
    const fresh = ALL_PROJECTIONS.filter((p) => p.startsFresh);
    expect(fresh.map((p) => p.collection)).toEqual(['credential']);
    fc.assert(
      fc.property(fc.array(step, { minLength: 2, maxLength: 40 }), (steps) => {
        const events = eventsOf(steps);
        const documents = new InMemoryDocuments(ALL_PROJECTIONS);
        for (const event of events) {
          for (const projection of fresh) {
            if (!projection.startsFresh!(event)) continue;
            // Whatever view the key (or any other key) holds stands in for "the current document".
            for (const [, current] of documents.entries(projection.collection)) {
              expect(JSON.stringify(projection.evolve(current, event))).toBe(JSON.stringify(projection.evolve(null, event)));
            }
          }
          documents.apply(event);
        }
      }),
      { numRuns: 100 },
    );
  });
});
