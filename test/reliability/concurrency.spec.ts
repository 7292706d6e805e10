import { Http } from '../e2e/support/http';
import { claimLearner, grantAccess, issueCredential, registerIssuer, RegisteredIssuer } from '../e2e/support/ledger-fixtures';
import { tempDataDir, TestApp } from '../e2e/support/test-app';
import { comparable, doubleUses, foldBalances, invariantGap, readLog, seqGaps } from './support/ledger-check';
import { pick, sample, seededRandom } from './support/random';
import { startReliabilityApp } from './support/reliability-app';

/**
 * Many clients racing transfers, revocations and pathway awards over the same learners. After
 * every round: issued = available + transferred + revoked + expired + stacked exactly, no
 * credential is transferred or stacked twice in the log, and the live balance equals a fold of it.
 */
const ROUNDS = Number(process.env.RACE_ROUNDS || 10);
const RACERS_PER_ROUND = 80;
const SEED = Number(process.env.RACE_SEED || Date.now() % 1_000_000);
const LEARNERS = ['L-race-0', 'L-race-1', 'L-race-2'];

/** The refusals a race may legitimately end in; anything else (a 5xx, a retry-exhausted conflict) is a bug. */
const EXPECTED_CONFLICTS = new Set([
  'CREDIT.ALREADY_TRANSFERRED',
  'CREDIT.REVOKED',
  'CREDIT.ALREADY_STACKED',
  'CREDIT.IS_QUALIFICATION',
  'CREDENTIAL.ALREADY_REVOKED',
  'PATHWAY.ALREADY_AWARDED',
  'PATHWAY.RULES_NOT_MET',
]);

jest.setTimeout(120_000);

interface Outcome {
  op: string;
  status: number;
  code?: string;
}

describe(`concurrency: racing transfers, revocations and awards (${ROUNDS} rounds x ${RACERS_PER_ROUND})`, () => {
  const data = tempDataDir('races');
  let api: TestApp;
  let issuers: RegisteredIssuer[];
  let receivers: RegisteredIssuer[];
  const pathways: { id: string; owner: RegisteredIssuer }[] = [];

  beforeAll(async () => {
    api = await startReliabilityApp(data.dir);
    issuers = [
      await registerIssuer(api.http, api.adminKey, 'Race Issuer A'),
      await registerIssuer(api.http, api.adminKey, 'Race Issuer B'),
    ];
    receivers = await Promise.all([0, 1, 2].map((i) => registerIssuer(api.http, api.adminKey, `Race Receiver ${i}`)));
    for (const [i, owner] of [issuers[0], issuers[0], issuers[1]].entries()) {
      const body = {
        title: `Pathway ${i}`,
        minCredits: '3',
        minCredentials: 2,
        minLevel: 1,
        requiredSkills: [],
        acceptedIssuers: issuers.map((x) => x.id),
      };
      const response = await api.http.post('/v1/pathways', body, owner.apiKey);
      expect(response.status).toBe(201);
      pathways.push({ id: response.body.id, owner });
    }
    // Every learner consents once: transfers to each receiver, stacking by each pathway owner.
    for (const learnerId of LEARNERS) {
      await issueCredential(api.http, issuers[0].apiKey, learnerId, { title: 'Consent module', credits: '1', hours: 30 });
      const account = await claimLearner(api.http, issuers[0].apiKey, learnerId);
      for (const receiver of receivers) await grantAccess(api.http, account, receiver.id, ['transfer']);
      for (const issuer of issuers) await grantAccess(api.http, account, issuer.id, ['stack']);
    }
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('keeps the balance invariant exactly and never uses a credential twice', async () => {
    const random = seededRandom(SEED);
    const outcomes: Outcome[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const learnerId of LEARNERS) {
        for (let i = 0; i < 6; i++) {
          const credits = pick(random, [
            ['1', 30],
            ['1.5', 45],
            ['2.25', 67],
          ] as const);
          await issueCredential(api.http, pick(random, issuers).apiKey, learnerId, {
            title: `R${round} M${i}`,
            credits: credits[0],
            hours: credits[1],
          });
        }
      }
      const ids = await credentialIdsByLearner(api.http, api.auditorKey);
      const racers = Array.from({ length: RACERS_PER_ROUND }, () => racer(random, ids));
      outcomes.push(...(await Promise.all(racers.map((run) => run()))));
      await checkLedger(`seed ${SEED}, round ${round}`);
    }
    const unexpected = outcomes.filter((o) => !(o.status < 300 || (o.status === 409 && EXPECTED_CONFLICTS.has(o.code!))));
    expect(unexpected).toEqual([]);
    const wins = (op: string) => outcomes.filter((o) => o.op === op && o.status < 300).length;
    process.stdout.write(
      `concurrency figures: ${JSON.stringify({ seed: SEED, racing: outcomes.length, transfers: wins('transfer'), revocations: wins('revoke'), awards: wins('award'), conflicts: outcomes.filter((o) => o.status === 409).length })}\n`,
    );
    expect(wins('transfer')).toBeGreaterThan(0);
    expect(wins('award')).toBeGreaterThan(0);
    expect(wins('revoke')).toBeGreaterThan(0);
  });

  function racer(random: () => number, ids: Map<string, { id: string; issuerId: string }[]>): () => Promise<Outcome> {
    const learnerId = pick(random, LEARNERS);
    const credentials = ids.get(learnerId) ?? [];
    const roll = random();
    if (roll < 0.45) {
      const chosen = sample(random, credentials, 1 + Math.floor(random() * 3)).map((c) => c.id);
      return () =>
        attempt(
          'transfer',
          api.http.post(`/v1/learners/${learnerId}/transfers`, { credentialIds: chosen, programme: 'MSc' }, pick(random, receivers).apiKey),
        );
    }
    if (roll < 0.7) {
      const target = pick(random, credentials);
      const key = random() < 0.2 ? api.adminKey : issuers.find((i) => i.id === target.issuerId)!.apiKey;
      return () => attempt('revoke', api.http.post(`/v1/credentials/${target.id}/revoke`, { reason: 'race' }, key));
    }
    const pathway = pick(random, pathways);
    const explicit = random() < 0.5 ? { credentialIds: sample(random, credentials, 2 + Math.floor(random() * 2)).map((c) => c.id) } : {};
    return () => attempt('award', api.http.post(`/v1/pathways/${pathway.id}/awards`, { learnerId, ...explicit }, pathway.owner.apiKey));
  }

  async function checkLedger(when: string): Promise<void> {
    const events = await readLog(data.dir);
    expect({ when, gaps: seqGaps(events), ...doubleUses(events) }).toEqual({ when, gaps: [], transferred: [], stacked: [] });
    const folded = foldBalances(events, LEARNERS);
    for (const learnerId of LEARNERS) {
      const live = (await api.http.get(`/v1/learners/${learnerId}/balance`, api.auditorKey)).body;
      expect({ when, learnerId, gap: invariantGap(live) }).toEqual({ when, learnerId, gap: 0 });
      expect(comparable(live)).toEqual(comparable(folded.get(learnerId)!));
    }
  }
});

async function attempt(op: string, request: Promise<{ status: number; body: any }>): Promise<Outcome> {
  const response = await request;
  return { op, status: response.status, code: response.body?.code };
}

async function credentialIdsByLearner(http: Http, auditorKey: string): Promise<Map<string, { id: string; issuerId: string }[]>> {
  const out = new Map<string, { id: string; issuerId: string }[]>();
  for (const learnerId of LEARNERS) {
    const list = (await http.get(`/v1/learners/${learnerId}/credentials`, auditorKey)).body.credentials as {
      id: string;
      issuerId: string;
      components?: string[];
    }[];
    out.set(
      learnerId,
      list.map(({ id, issuerId }) => ({ id, issuerId })),
    );
  }
  return out;
}
