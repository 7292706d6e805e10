import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredEvent } from '@stackledger/event-store';
import { Http } from '../e2e/support/http';
import { claimLearner, credentialBody, grantAccess, registerIssuer, RegisteredIssuer } from '../e2e/support/ledger-fixtures';
import { ServiceProcess, startServiceProcess } from '../e2e/support/service-process';
import { tempDataDir } from '../e2e/support/test-app';
import { usePostgresCluster } from '../support/postgres';
import { comparable, doubleUses, foldBalances, invariantGap, readLog, seqGaps } from './support/ledger-check';
import { pick, sample, seededRandom, sleep } from './support/random';

/**
 * SIGKILL of the service process at random moments of a concurrent issue/transfer load, on each
 * event store: SQLite KILLS times (12 by default, so `npm test` stays within its time; `npm run soak` runs 100), PostgreSQL (a real
 * server started for this file) POSTGRES_KILLS times (5 by default: each cycle costs a restart of
 * the service, and what the store sees of a kill, a dropped connection whose transaction the
 * server rolls back, is the same every time). After every restart: each acknowledged write is
 * there, nothing is half-applied or double-counted, and the read models equal a fold of the log.
 * CRASH_STORES=sqlite (or postgres) runs one of them.
 */
const KILLS = Number(process.env.CRASH_KILLS || (process.env.SOAK ? 100 : 12));
const POSTGRES_KILLS = Number(process.env.CRASH_KILLS_POSTGRES || (process.env.SOAK ? 100 : 5));
const STORES = (process.env.CRASH_STORES || 'sqlite,postgres').split(',');
const WORKERS = 6;
const SEED = Number(process.env.CRASH_SEED || Date.now() % 1_000_000);
const LEARNERS = ['L-crash-0', 'L-crash-1', 'L-crash-2', 'L-crash-3'];
const CREDITS: [string, number][] = [
  ['1', 30],
  ['2.5', 75],
  ['4.5', 135],
];
const ADMIN = 'crash-admin-key-of-at-least-32-characters';
const AUDITOR = 'crash-auditor-key-of-at-least-32-characters';

interface Ledger {
  acknowledged: Map<string, string>; // credential id -> learner
  unchecked: string[]; // acknowledged ids not yet fetched after a restart
  transfers: { transferId: string; learnerId: string; credentialIds: string[] }[];
  inDoubt: { key: string; body: Record<string, unknown> }[];
  available: Map<string, string[]>; // learner -> active credential ids, as far as we know
  requests: { sent: number; acknowledged: number; failed: number };
}

if (STORES.includes('sqlite')) {
  describe(`crash safety on SQLite: SIGKILL during concurrent load (${KILLS} kills)`, () => crashSafety('sqlite', KILLS, async () => ({})));
}
if (STORES.includes('postgres')) {
  describe(`crash safety on PostgreSQL: SIGKILL during concurrent load (${POSTGRES_KILLS} kills)`, () => {
    const postgres = usePostgresCluster();
    crashSafety('postgres', POSTGRES_KILLS, async () => ({ DATABASE_URL: await postgres().createDatabase('crash') }));
  });
}

/** `store`: the env that selects it (nothing for SQLite in DATA_DIR). */
function crashSafety(label: string, kills: number, store: () => Promise<Record<string, string>>): void {
  const data = tempDataDir(`crash-${label}`);
  const base = {
    DATA_DIR: data.dir,
    ADMIN_API_KEY: ADMIN,
    AUDITOR_API_KEY: AUDITOR,
    RATE_LIMIT_PER_MINUTE: '0',
    CHAIN_RPC_URL: '',
    ANCHOR_CONTRACT: '',
    ANCHORER_PRIVATE_KEY: '',
  };
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.kill('SIGKILL');
    data.remove();
  });

  it(
    'loses no acknowledged event, applies nothing by halves, and rebuilds to the same balances',
    async () => {
      const env: Record<string, string> = { ...base, ...(await store()) };
      const log = () => readLog(data.dir, env.DATABASE_URL);
      const random = seededRandom(SEED);
      const ledger: Ledger = {
        acknowledged: new Map(),
        unchecked: [],
        transfers: [],
        inDoubt: [],
        available: new Map(),
        requests: { sent: 0, acknowledged: 0, failed: 0 },
      };
      const started = Date.now();
      service = await startServiceProcess(env);
      const origin = await registerIssuer(service.http, ADMIN, 'Crash Origin University');
      const receivers = [
        await registerIssuer(service.http, ADMIN, 'Crash Receiver A'),
        await registerIssuer(service.http, ADMIN, 'Crash Receiver B'),
      ];
      // Each learner consents to transfers to both receivers before the load starts.
      for (const learnerId of LEARNERS) {
        await issue(service.http, ledger, origin, learnerId, random);
        const account = await claimLearner(service.http, origin.apiKey, learnerId);
        for (const receiver of receivers) await grantAccess(service.http, account, receiver.id, ['transfer']);
      }
      const startTimes: number[] = [];

      for (let kill = 1; kill <= kills; kill++) {
        const stop = { now: false };
        const load = Array.from({ length: WORKERS }, () => worker(service!.http, ledger, origin, receivers, random, stop));
        await sleep(200 + random() * 1200);
        await service.kill('SIGKILL');
        stop.now = true;
        await Promise.all(load);

        const before = Date.now();
        service = await startServiceProcess(env);
        startTimes.push(Date.now() - before);
        await retryInDoubt(service.http, origin, ledger);
        await verify(service.http, log, ledger, `seed ${SEED}, after kill ${kill}`);
      }

      // Read models are disposable: delete them, restart, and the rebuilt balances are the same.
      const live = await balances(service.http);
      await service.kill('SIGKILL');
      rmSync(join(data.dir, 'read-models.sqlite'), { force: true });
      rmSync(join(data.dir, 'read-models.sqlite-wal'), { force: true });
      rmSync(join(data.dir, 'read-models.sqlite-shm'), { force: true });
      service = await startServiceProcess(env);
      await waitForProjections(service.http);
      expect(await balances(service.http)).toEqual(live);
      await verify(service.http, log, ledger, `seed ${SEED}, after the rebuild`);

      const events = await log();
      const figures = {
        store: label,
        seed: SEED,
        kills,
        ...ledger.requests,
        credentials: ledger.acknowledged.size,
        transfers: ledger.transfers.length,
        events: events.length,
        meanStartMs: Math.round(startTimes.reduce((a, b) => a + b, 0) / startTimes.length),
        totalMs: Date.now() - started,
      };
      process.stdout.write(`crash-safety figures: ${JSON.stringify(figures)}\n`);
      expect(ledger.acknowledged.size).toBeGreaterThan(kills);
      expect(ledger.transfers.length).toBeGreaterThan(0);
    },
    // A restart is a whole service start: on a loaded 2-core machine 20 kills took over 180 s.
    Math.max(180_000, kills * 20_000),
  );
}

async function worker(
  http: Http,
  ledger: Ledger,
  origin: RegisteredIssuer,
  receivers: RegisteredIssuer[],
  random: () => number,
  stop: { now: boolean },
): Promise<void> {
  while (!stop.now) {
    const learnerId = pick(random, LEARNERS);
    const pool = ledger.available.get(learnerId) ?? [];
    if (pool.length >= 2 && random() < 0.35) await transfer(http, ledger, learnerId, sample(random, pool, 3), pick(random, receivers));
    else await issue(http, ledger, origin, learnerId, random);
  }
}

async function issue(http: Http, ledger: Ledger, origin: RegisteredIssuer, learnerId: string, random: () => number): Promise<void> {
  const [credits, hours] = pick(random, CREDITS);
  const key = randomUUID();
  const body = credentialBody(learnerId, { title: `Module ${key.slice(0, 8)}`, credits, hours });
  ledger.requests.sent++;
  try {
    const response = await http.post('/v1/credentials', body, origin.apiKey, { 'Idempotency-Key': key });
    if (response.status !== 201) throw new Error(`issue answered ${response.status} ${response.text}`);
    acknowledgeCredential(ledger, response.body.id, learnerId);
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    ledger.requests.failed++;
    ledger.inDoubt.push({ key, body });
  }
}

async function transfer(http: Http, ledger: Ledger, learnerId: string, credentialIds: string[], receiver: RegisteredIssuer): Promise<void> {
  // Taken out of our pool whatever happens; the next restart refreshes the pool from the server.
  ledger.available.set(
    learnerId,
    (ledger.available.get(learnerId) ?? []).filter((id) => !credentialIds.includes(id)),
  );
  ledger.requests.sent++;
  try {
    const response = await http.post(
      `/v1/learners/${learnerId}/transfers`,
      { credentialIds, programme: 'BSc Data Science' },
      receiver.apiKey,
    );
    if (response.status === 201) {
      ledger.requests.acknowledged++;
      ledger.transfers.push({ transferId: response.body.transferId, learnerId, credentialIds });
    } else if (response.status !== 409) throw new Error(`transfer answered ${response.status} ${response.text}`);
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    ledger.requests.failed++;
  }
}

function acknowledgeCredential(ledger: Ledger, id: string, learnerId: string): void {
  ledger.requests.acknowledged++;
  ledger.acknowledged.set(id, learnerId);
  ledger.unchecked.push(id);
  ledger.available.set(learnerId, [...(ledger.available.get(learnerId) ?? []), id]);
}

/** A request cut by the kill has an unknown outcome: retried with its Idempotency-Key, it is stored exactly once. */
async function retryInDoubt(http: Http, origin: RegisteredIssuer, ledger: Ledger): Promise<void> {
  for (const { key, body } of ledger.inDoubt.splice(0)) {
    const response = await http.post('/v1/credentials', body, origin.apiKey, { 'Idempotency-Key': key });
    expect(response.status).toBe(201);
    ledger.acknowledged.set(response.body.id, body.learnerId as string);
    ledger.unchecked.push(response.body.id);
  }
}

async function verify(http: Http, log: () => Promise<StoredEvent[]>, ledger: Ledger, when: string): Promise<void> {
  for (const id of ledger.unchecked.splice(0)) {
    const response = await http.get(`/v1/credentials/${id}`);
    if (response.status !== 200) throw new Error(`${when}: acknowledged credential ${id} answered ${response.status} ${response.text}`);
    expect(response.body.learnerId).toBe(ledger.acknowledged.get(id));
  }
  const statusById = new Map<string, { status: string; transferId?: string }>();
  for (const learnerId of LEARNERS) {
    const list = (await http.get(`/v1/learners/${learnerId}/credentials`, AUDITOR)).body.credentials as {
      id: string;
      status: string;
      transfer?: { transferId: string };
    }[];
    for (const c of list) statusById.set(c.id, { status: c.status, transferId: c.transfer?.transferId });
    ledger.available.set(
      learnerId,
      list.filter((c) => c.status === 'active').map((c) => c.id),
    );
  }
  const missing = [...ledger.acknowledged.keys()].filter((id) => !statusById.has(id));
  expect({ when, missing }).toEqual({ when, missing: [] });
  const halfApplied = ledger.transfers.flatMap((t) =>
    t.credentialIds.filter((id) => statusById.get(id)?.transferId !== t.transferId || statusById.get(id)?.status !== 'transferred'),
  );
  expect({ when, halfApplied }).toEqual({ when, halfApplied: [] });

  const events = await log();
  expect({ when, gaps: seqGaps(events), ...doubleUses(events) }).toEqual({ when, gaps: [], transferred: [], stacked: [] });
  const keys = events.filter((e) => e.type === 'CredentialIssued').map((e) => e.metadata.idempotencyKey);
  expect({ when, duplicateIssues: keys.length - new Set(keys).size }).toEqual({ when, duplicateIssues: 0 });

  await waitForProjections(http);
  const folded = foldBalances(events, LEARNERS);
  for (const [learnerId, live] of await balances(http)) {
    expect({ when, learnerId, gap: invariantGap(live as never) }).toEqual({ when, learnerId, gap: 0 });
    expect(live).toEqual(comparable(folded.get(learnerId)!));
  }
}

async function balances(http: Http): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const learnerId of LEARNERS) {
    const { asOfSeq: _seq, ...balance } = (await http.get(`/v1/learners/${learnerId}/balance`, AUDITOR)).body;
    out.set(learnerId, balance);
  }
  return out;
}

async function waitForProjections(http: Http): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await http.get('/health')).body.projections?.lag === 0) return;
    await sleep(50);
  }
  throw new Error('read models did not catch up with the log within 5 s');
}

function isConnectionError(error: unknown): boolean {
  // fetch's TypeError comes from Node's realm, not jest's sandbox: compare by name.
  return (error as Error)?.name === 'TypeError' && /fetch failed/.test((error as Error).message);
}
