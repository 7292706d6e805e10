import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresLogSource, runAudit } from '@stackledger/audit';
import {
  EventStore,
  MultiStreamAppend,
  NewEvent,
  PostgresEventStore,
  SqliteEventStore,
  timeOrderedEventId,
} from '@stackledger/event-store';
import { InMemoryAnchorChain } from '../apps/api/src/anchoring/testing/in-memory-anchor-chain';
import { createApp } from '../apps/api/src/app.factory';
import { loadConfig } from '../apps/api/src/config/app-config';
import { ProjectorService } from '../apps/api/src/projections/projector.service';
import { PostgresCluster, startPostgresCluster } from '../libs/event-store/testing/postgres-cluster/postgres-cluster';
import { auditReplay, CONTRACT, unanchoredChain } from './replay.bench';
import { benchCredential, bulkItems } from './support/bulk';
import { figure, note, timed } from './support/figures';
import { copyLedgerIntoPostgres } from './support/postgres-ledger';

/** Figures of the SQLite benches earlier in the same run (events/s), so they need not be measured twice. */
export interface SqliteFigures {
  audit?: number;
  catchUp?: number;
}

const rate = (n: number, ms: number) => (n / ms) * 1000;

/**
 * The PostgreSQL event store against the SQLite one, same run, same machine: appends (single and
 * bulk, through the stores), then on the generated 1 M-event ledger copied in by COPY: the audit
 * replay (`ledger audit --database-url`'s path) and the API's catch-up after a restart without read
 * models. The server is a throwaway cluster with the default durability (fsync, synchronous_commit on).
 */
export async function postgresBench(ledger: string, sqlite: SqliteFigures, seconds = 5): Promise<void> {
  const cluster = await startPostgresCluster();
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  try {
    await appendBenches(cluster, dir, seconds);
    const url = await cluster.createDatabase('ledger');
    note('postgres: copying the generated ledger in (COPY through psql, then the indexes and VACUUM ANALYZE)');
    const load = await timed(() => copyLedgerIntoPostgres(ledger, url));
    figure(`PostgreSQL load of the generated ledger by COPY, ${load.result} events`, rate(load.result, load.ms), 'events/s');
    await auditBench(url, ledger, load.result, sqlite.audit);
    await catchUpBench(url, ledger, dir, load.result, sqlite.catchUp);
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A credential issuance as the API appends it (about 700 bytes of data). */
function issuance(n: number): NewEvent {
  const [item] = bulkItems(1, n);
  const at = new Date().toISOString();
  const credential = benchCredential(item, at);
  return { id: timeOrderedEventId(), type: 'CredentialIssued', data: { credential }, metadata: { actor: 'issuer:bench' }, recordedAt: at };
}

/** Single-event appends, `inFlight` at a time across `stores`, for `seconds`: appends per second. */
async function singleAppends(stores: EventStore[], seconds: number, inFlight = 50): Promise<number> {
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, k) => {
      const store = stores[k % stores.length];
      while (performance.now() < end) await store.append(`learner-${(n++ * 7919) % 20_000}`, [issuance(n)], 'any');
    }),
  );
  return rate(n, performance.now() - start);
}

/** `requests` multi-stream appends of `size` new learner streams, `inFlight` at a time: events per second. */
async function bulkAppends(store: EventStore & MultiStreamAppend, requests = 20, size = 1000, inFlight = 4): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < requests) {
        const r = next++;
        await store.appendMany(
          Array.from({ length: size }, (_, i) => ({
            stream: `learner-bulk-${r}-${i}`,
            events: [issuance(i)],
            expected: 'no-stream' as const,
          })),
        );
      }
    }),
  );
  return rate(requests * size, performance.now() - start);
}

async function appendBenches(cluster: PostgresCluster, dir: string, seconds: number): Promise<void> {
  const url = await cluster.createDatabase('appends');
  const sqlite = SqliteEventStore.open(join(dir, 'appends.sqlite'));
  const one = await PostgresEventStore.connect(url, { schema: 'single' });
  const two = [one, await PostgresEventStore.connect(url, { schema: 'single' })];
  const bulk = await PostgresEventStore.connect(url, { schema: 'bulk' });
  try {
    note(`appends: ${seconds} s of single-event appends, 50 in flight, on SQLite, on PostgreSQL, on PostgreSQL through two pools`);
    const base = await singleAppends([sqlite], seconds);
    figure('PostgreSQL single-event appends, 50 in flight', await singleAppends([one], seconds), 'events/s', base);
    figure(
      'PostgreSQL single-event appends, 50 in flight over two pools (two API instances)',
      await singleAppends(two, seconds),
      'events/s',
      base,
    );
    note('appends: 20 x appendMany of 1,000 new streams, 4 in flight, on SQLite then PostgreSQL');
    const bulkBase = await bulkAppends(sqlite);
    figure('PostgreSQL bulk appends, 20 x 1,000 streams, 4 in flight', await bulkAppends(bulk), 'events/s', bulkBase);
  } finally {
    await Promise.all([sqlite, ...two.slice(1), one, bulk].map((store) => store.close()));
  }
}

async function auditBench(url: string, ledger: string, events: number, sqliteRate: number | undefined): Promise<void> {
  note('audit: runAudit over PostgreSQL (READ ONLY snapshot, server-side cursor), as ledger audit --database-url');
  const run = await timed(() => runAudit(postgresLogSource(url), unanchoredChain, CONTRACT));
  if (!run.result.ok || run.result.events !== events)
    throw new Error(`audit of the PostgreSQL copy: ${JSON.stringify(run.result.firstDivergence ?? run.result.events)}`);
  const baseline =
    sqliteRate ??
    (note('audit: the same over the SQLite file (not measured earlier in this run)'),
    rate(events, (await timed(() => auditReplay(ledger))).ms));
  figure(`PostgreSQL audit replay, ${events} events`, rate(events, run.ms), 'events/s', baseline);
}

async function catchUpBench(url: string, ledger: string, dir: string, events: number, sqliteRate: number | undefined): Promise<void> {
  note(`catch-up: the API started on PostgreSQL (${events} events) without read models, until its projector reaches the head`);
  const pg = await catchUp(join(dir, 'api-pg'), events, { DATABASE_URL: url });
  let baseline = sqliteRate;
  if (baseline === undefined) {
    note('catch-up: the same on a copy of the SQLite file (not measured earlier in this run)');
    const sqliteDir = join(dir, 'api-sqlite');
    mkdirSync(sqliteDir);
    copyFileSync(ledger, join(sqliteDir, 'ledger.sqlite'));
    baseline = await catchUp(sqliteDir, events, {});
  }
  figure(`PostgreSQL projection catch-up after a restart, ${events} events`, pg, 'events/s', baseline);
}

/** Starts the API on `dataDir` (and the store `env` names), waits for its projector to reach `head`: events per second. */
async function catchUp(dataDir: string, head: number, env: Record<string, string>): Promise<number> {
  const start = performance.now();
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ANCHOR_INTERVAL_MS: '0', ...env });
  const app = await createApp({
    config,
    adminKey: 'bench-admin-key-of-at-least-32-characters',
    anchorChain: new InMemoryAnchorChain(),
    logLevels: ['error'],
    rateLimitPerMinute: 0,
  });
  try {
    await app.init(); // starts the projector
    const projector = app.get(ProjectorService);
    while (projector.position() < head) {
      if (!projector.healthy()) throw new Error('the projector stopped');
      await new Promise((r) => setTimeout(r, 20));
    }
    return rate(head, performance.now() - start);
  } finally {
    await app.close();
  }
}
