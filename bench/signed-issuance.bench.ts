import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StackLedgerClient, type CredentialFields, type SignedBody } from '@stackledger/client';
import { generateKeyPair } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { ADMIN, cannon, child, type Api } from './support/bench-api';
import { bulkBaseline, bulkItems, writeBodyLines } from './support/bulk';
import type { BulkJob, BulkResult } from './support/bulk-client';
import { figure, note, timed } from './support/figures';

/**
 * Signed issuance over HTTP, on the same API and ledger copy as the unsigned figures (httpBench
 * runs it last), in the same load shapes: singles from autocannon in its own process, 50
 * connections, against `/health` of the same run; bulk as 20 x 1,000 with 4 in flight from a client
 * process, against a bare insert of the same rows into a copy of the same ledger. Every body is
 * signed before timing (the issuer's side, reported on its own): the service verifies each
 * credential's eddsa-jcs-2022 proof and its Open Badges proof, checks the key, the window and the
 * canonical form.
 *
 *   BENCH_ONLY=signed BENCH_SIGNED_SINGLES=10000
 */
export async function signedIssuanceBench(api: Api, ledger: string, dir: string, seconds: number): Promise<void> {
  const singles = Number(process.env.BENCH_SIGNED_SINGLES ?? 10_000);
  const warmUpSingles = 1_000;
  const [requests, size, inFlight, warmUpBatches] = [20, 1_000, 4, 3];
  const issuer = await registerSigningIssuer(api);
  const total = warmUpSingles + singles + (warmUpBatches + requests) * size;
  note(`signed issuance: signing ${total} credentials (and their Open Badges renditions) on the issuer's side`);
  const signing = await timed(() => Array.from({ length: total }, (_, i) => issuer.sign(3e7 + i)));
  figure('issuer-side signing, credential + Open Badges rendition (node:crypto)', (total * 1000) / signing.ms, 'credentials/s');
  const bodies = signing.result;

  const singlesFile = join(dir, 'signed-singles.jsonl');
  writeBodyLines(singlesFile, bodies.slice(0, warmUpSingles + singles));
  note(`signed single issuance: autocannon (own process), 50 connections, ${warmUpSingles} warm-up then ${singles} requests`);
  const url = `${api.url}/v1/credentials`;
  await cannon({ url, seconds: 0, issuerKey: issuer.apiKey, bodies: { file: singlesFile, from: 0, count: warmUpSingles } });
  const signed = await cannon({
    url,
    seconds: 0,
    issuerKey: issuer.apiKey,
    bodies: { file: singlesFile, from: warmUpSingles, count: singles },
  });
  const health = await cannon({ url: `${api.url}/health`, seconds });
  if (signed.non2xx > 0 || signed.errors > 0) throw new Error(`signed single issuance: ${signed.non2xx} non-2xx, ${signed.errors} errors`);
  figure(
    'signed single-credential issuance over HTTP',
    signed.rate,
    'req/s',
    health.requests.average,
    '>= 2500 req/s; ratio >= 0.45 to /health',
  );
  figure(
    'signed single-credential issuance over HTTP, p99 latency',
    signed.latency.p99,
    'ms',
    health.latency.p99,
    "<= 1.5 x /health's p99",
  );

  const batchesFile = join(dir, 'signed-batches.jsonl');
  const batched = bodies.slice(warmUpSingles + singles);
  const batches = Array.from({ length: warmUpBatches + requests }, (_, r) => batched.slice(r * size, (r + 1) * size));
  writeBodyLines(
    batchesFile,
    batches.map((items) => ({ items })),
  );
  note(`signed bulk issuance: ${warmUpBatches} warm-up then ${requests} x POST /v1/credentials:batch of ${size}, ${inFlight} in flight`);
  const run = await child<BulkJob, BulkResult>('bulk-client.ts', {
    url: api.url,
    issuerKey: issuer.apiKey,
    requests,
    size,
    inFlight,
    warmUp: warmUpBatches,
    firstLearner: 0,
    bodiesFile: batchesFile,
  });
  if (run.credentials !== requests * size) throw new Error(`signed bulk issuance: ${run.credentials} issued, ${requests * size} sent`);
  const copy = join(dir, 'signed-bulk-baseline.sqlite');
  copyFileSync(ledger, copy);
  const stored = batches.slice(warmUpBatches).flat();
  const baseline = bulkBaseline(copy, requests, size, (i) => signedData(stored[i]));
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  figure(
    `signed bulk issuance over HTTP, ${requests} x ${size}, ${inFlight} in flight`,
    (run.credentials * 1000) / run.ms,
    'credentials/s',
    baseline,
    '>= 20000 credentials/s; ratio >= 0.8 to a bare insert of the same rows',
  );
}

/** A keyed issuer with a domain, its key registered through the client library as an issuer would. */
export async function registerSigningIssuer(api: Api): Promise<{ apiKey: string; sign(n: number): SignedBody }> {
  const res = await api.post(
    '/v1/issuers',
    {
      name: 'Bench Signing University',
      country: 'IN',
      accreditationCode: 'NAAC-A',
      contactEmail: 'bench@signed.example',
      domain: 'signed.example',
    },
    ADMIN,
  );
  if (res.status !== 201) throw new Error(`register issuer: ${res.status}`);
  const { id, apiKey } = res.body as { id: string; apiKey: string };
  const keyPair = generateKeyPair(nodeCryptoBackend);
  const client = new StackLedgerClient({ baseUrl: api.url, apiKey, backend: nodeCryptoBackend });
  await client.registerKey(id, keyPair);
  const identity = await client.issuer(id);
  const sign = (n: number): SignedBody => {
    const item = bulkItems(1, n)[0] as unknown as CredentialFields;
    return client.signed({ ...item, credits: String(item.credits) }, identity, keyPair);
  };
  return { apiKey, sign };
}

/** The `CredentialIssued` data the service stores for a signed body. */
function signedData(body: SignedBody): string {
  return JSON.stringify({ credential: body.credential, ...(body.openBadgeProof && { openBadgeProof: body.openBadgeProof }) });
}
