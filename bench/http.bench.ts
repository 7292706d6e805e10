import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerFile } from '@stackledger/event-store';
import { ProjectorService } from '../apps/api/src/projections/projector.service';
import { bareReadParse, rate } from './replay.bench';
import { figure, note, percentile, timed } from './support/figures';
import { sampleRss } from './support/rss';
import { bulkBaseline } from './support/bulk';
import { signedIssuanceBench } from './signed-issuance.bench';
import type { BulkJob, BulkResult } from './support/bulk-client';
import { ADMIN, cannon, child, startApi, type Api } from './support/bench-api';

/**
 * The API on a copy of the generated ledger: the catch-up, then with `unsigned` proofs, single and
 * bulk issuance, and with `signed` the signed issuance figures (signed-issuance.bench.ts) on the
 * same API after them. Returns the catch-up's events per second.
 */
export async function httpBench(ledger: string, seconds = 20, parts = { unsigned: true, signed: true }): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  copyFileSync(ledger, join(dir, 'ledger.sqlite'));
  const reader = LedgerFile.openReadOnly(ledger);
  const head = reader.head();
  reader.close();
  let api: Api | undefined;
  try {
    note(`catch-up: starting the API on ${head} events with no read models`);
    const rss = sampleRss();
    const start = performance.now();
    api = await startApi(dir);
    const projector = api.app.get(ProjectorService);
    while (projector.position() < head) await new Promise((r) => setTimeout(r, 20));
    const catchUp = (head / (performance.now() - start)) * 1000;
    const peak = await rss.stop();
    note('catch-up baseline: bare read + JSON.parse of the same events, one thread');
    const bare = await timed(() => bareReadParse(ledger));
    const name = `projection catch-up after a restart, ${head} events`;
    figure(name, catchUp, 'events/s', rate(bare.result, bare.ms), '>= 100000 events/s; ratio >= 0.4');
    figure(`${name}, peak RSS`, peak, 'MiB', rss.before, 'bounded (reported); baseline = the process before the start');

    if (parts.unsigned) {
      await proofBench(api, ledger, head);
      await singleIssuanceBench(api, seconds);
      await bulkIssuanceBench(api, ledger, dir);
    }
    if (parts.signed) await signedIssuanceBench(api, ledger, dir, seconds);
    return catchUp;
  } finally {
    await api?.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Proof requests sent before timing starts, so the figure is the warmed-up service (JIT, caches). */
const WARM_UP = 100;

/**
 * A GET over a keep-alive socket with node:http: the client shares the process with the server,
 * and undici's fetch costs more than the request it measures (its allocations land in the
 * server's garbage collections too).
 */
function getJson(url: string, agent: http.Agent): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

async function proofBench(api: Api, ledger: string, head: number, requests = 2_000, concurrency = 1): Promise<void> {
  const anchored = await timed(() => api.post('/v1/anchors', {}, ADMIN));
  if (anchored.result.status !== 201) throw new Error(`anchor over HTTP: ${anchored.result.status}`);
  note(
    `proofs: anchored over HTTP in ${Math.round(anchored.ms)} ms; ${WARM_UP} warm-up then ${requests} proof requests, ${concurrency} at a time`,
  );
  const reader = LedgerFile.openReadOnly(ledger);
  const ids = reader
    .sampleOfType('CredentialIssued', requests + WARM_UP)
    .map((event) => (event.data as { credential: { id: string } }).credential.id);
  reader.close();
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const proof = async (id: string) => {
    const res = await getJson(`${api.url}/v1/credentials/${id}/proof`, agent);
    if (res.status !== 200 || (res.body as { format?: string }).format !== 'stackledger-proof/1')
      throw new Error(`proof of ${id}: ${res.status}`);
  };
  for (const id of ids.slice(0, WARM_UP)) await proof(id);
  const latencies: number[] = [];
  let next = WARM_UP;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const t = performance.now();
        await proof(id);
        latencies.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  figure(
    `proof bundle over HTTP, p99 (${head} anchored events, random credentials, sequential)`,
    percentile(latencies, 99),
    'ms',
    null,
    '< 5 ms',
  );
  figure('proof bundle over HTTP, p50', percentile(latencies, 50), 'ms');
}

async function issuerKey(api: Api): Promise<string> {
  const res = await api.post(
    '/v1/issuers',
    { name: `Bench University ${Date.now()}`, country: 'IN', accreditationCode: 'NAAC-A', contactEmail: 'bench@example.edu' },
    ADMIN,
  );
  if (res.status !== 201) throw new Error(`register issuer: ${res.status}`);
  return res.body.apiKey as string;
}

async function singleIssuanceBench(api: Api, seconds: number): Promise<void> {
  const key = await issuerKey(api);
  note(`single issuance: autocannon (own process), 50 connections, ${seconds} s (then /health for the baseline)`);
  const issue = await cannon({ url: `${api.url}/v1/credentials`, seconds, issuerKey: key });
  const health = await cannon({ url: `${api.url}/health`, seconds });
  if (issue.non2xx > 0 || issue.errors > 0) note(`single issuance: ${issue.non2xx} non-2xx, ${issue.errors} errors`);
  figure(
    'single-credential issuance over HTTP',
    issue.requests.average,
    'req/s',
    health.requests.average,
    '>= 2000 req/s (ratio to /health reported)',
  );
  figure('single-credential issuance over HTTP, p99 latency', issue.latency.p99, 'ms', health.latency.p99, '< 50 ms');
}

async function bulkIssuanceBench(
  api: Api,
  ledger: string,
  dir: string,
  requests = 20,
  size = 1_000,
  inFlight = 4,
  warmUp = 3,
): Promise<void> {
  const key = await issuerKey(api);
  note(
    `bulk issuance: ${warmUp} warm-up then ${requests} x POST /v1/credentials:batch of ${size}, ${inFlight} in flight, from a client process`,
  );
  const run = await child<BulkJob, BulkResult>('bulk-client.ts', {
    url: api.url,
    issuerKey: key,
    requests,
    size,
    inFlight,
    warmUp,
    firstLearner: 1e7,
  });
  if (run.credentials !== requests * size) throw new Error(`bulk issuance: ${run.credentials} credentials issued, ${requests * size} sent`);
  const copy = join(dir, 'bulk-baseline.sqlite');
  copyFileSync(ledger, copy);
  const baseline = bulkBaseline(copy, requests, size);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  figure(
    `bulk issuance over HTTP, ${requests} x ${size}, ${inFlight} in flight`,
    (run.credentials * 1000) / run.ms,
    'credentials/s',
    baseline,
    '>= 20000 credentials/s',
  );
}
