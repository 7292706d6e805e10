import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackLedgerClient, type CredentialFields, type SignedBody } from '@stackledger/client';
import { generateKeyPair } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { ADMIN, startApi, type Api } from './http.bench';
import { figure, note, percentile, timed } from './support/figures';

/**
 * Signed issuance over HTTP against the unsigned figure of the same run, on a fresh API (SQLite,
 * in-memory chain): the service verifies each credential's eddsa-jcs-2022 proof and its Open
 * Badges proof with node:crypto, checks the key, the window and the canonical form. Bodies are
 * signed before timing (the issuer's side, reported on its own); the client shares this process,
 * the same for both figures, so the ratio is the cost of the checks.
 *
 *   BENCH_ONLY=signed BENCH_SIGNED_SINGLES=2000 BENCH_SIGNED_BATCHES=10 BENCH_SIGNED_BATCH_SIZE=500
 */
export async function signedIssuanceBench(
  singles = Number(process.env.BENCH_SIGNED_SINGLES ?? 2_000),
  batches = Number(process.env.BENCH_SIGNED_BATCHES ?? 10),
  size = Number(process.env.BENCH_SIGNED_BATCH_SIZE ?? 500),
  concurrency = 16,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-signed-'));
  const api = await startApi(dir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const unsigned = await register(api, 'unsigned.example');
    const signed = await register(api, 'signed.example');
    const keyPair = generateKeyPair(nodeCryptoBackend);
    const client = new StackLedgerClient({ baseUrl: api.url, apiKey: signed.apiKey, backend: nodeCryptoBackend });
    await client.registerKey(signed.id, keyPair);
    const identity = await client.issuer(signed.id);
    const fields = (i: number): CredentialFields => ({
      learnerId: `L-bench-${i}`,
      title: 'Foundations of Data Analytics',
      skills: ['sql', 'statistics'],
      credits: '4.5',
      hours: 135,
      level: 4.5,
      assessment: 'exam',
    });
    const total = singles + batches * size;
    note(`signed issuance: signing ${total} credentials (and their Open Badges renditions) on the issuer's side`);
    const signing = await timed(() => Array.from({ length: total }, (_, i) => client.signed(fields(i), identity, keyPair)));
    figure('issuer-side signing, credential + Open Badges rendition (node:crypto)', (total * 1000) / signing.ms, 'credentials/s');
    const bodies: SignedBody[] = signing.result;

    note(`signed issuance: ${singles} single POST /v1/credentials each way, ${concurrency} in flight`);
    const plain = await pool(singles, concurrency, (i) => post(api, '/v1/credentials', fields(1e6 + i), unsigned.apiKey, agent));
    const sig = await pool(singles, concurrency, (i) => post(api, '/v1/credentials', bodies[i], signed.apiKey, agent));
    figure('signed single-credential issuance over HTTP', sig.rate, 'req/s', plain.rate, 'unsigned figure of the same run as baseline');
    figure('signed single-credential issuance over HTTP, p99 latency', sig.p99, 'ms', plain.p99);

    note(`signed issuance: ${batches} x POST /v1/credentials:batch of ${size} each way, one at a time`);
    const plainBulk = await pool(batches, 1, (b) =>
      post(
        api,
        '/v1/credentials:batch',
        { items: Array.from({ length: size }, (_, j) => fields(2e6 + b * size + j)) },
        unsigned.apiKey,
        agent,
      ),
    );
    const sigBulk = await pool(batches, 1, (b) =>
      post(api, '/v1/credentials:batch', { items: bodies.slice(singles + b * size, singles + (b + 1) * size) }, signed.apiKey, agent),
    );
    figure(`signed bulk issuance over HTTP, ${batches} x ${size}`, sigBulk.rate * size, 'credentials/s', plainBulk.rate * size);
  } finally {
    agent.destroy();
    await api.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function register(api: Api, domain: string): Promise<{ id: string; apiKey: string }> {
  const res = await api.post(
    '/v1/issuers',
    { name: `Bench ${domain}`, country: 'IN', accreditationCode: 'NAAC-A', contactEmail: `bench@${domain}`, domain },
    ADMIN,
  );
  if (res.status !== 201) throw new Error(`register issuer: ${res.status}`);
  return res.body as { id: string; apiKey: string };
}

/** A POST over a keep-alive socket (node:http: lighter than fetch in the server's process); throws unless 201. */
function post(api: Api, path: string, body: unknown, key: string, agent: http.Agent): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${api.url}${path}`,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`${path}: ${res.statusCode} ${text.slice(0, 300)}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `count` requests, `concurrency` at a time: requests per second and p99 latency (ms). */
async function pool(count: number, concurrency: number, request: (i: number) => Promise<void>): Promise<{ rate: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      await request(i);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return { rate: (count * 1000) / ms, p99: percentile(latencies, 99) };
}
