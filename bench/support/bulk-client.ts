// The bulk issuance client in its own process, like autocannon (load-generator.ts): in the
// server's process, building 1,000-item bodies and parsing 1,000-credential answers took the
// server's event loop, and the figure measured the client as much as the API.
//   fork('bench/support/bulk-client.ts', [JSON.stringify(job)]) -> one IPC message, the result
import { bodyLines, bulkItems } from './bulk';

export interface BulkJob {
  url: string;
  issuerKey: string;
  requests: number;
  size: number;
  /** Requests in flight at once, as an uploader with several batches ready would send them. */
  inFlight: number;
  /** Requests sent before timing starts, so the figure is the warmed-up service (JIT, caches). */
  warmUp: number;
  /** Learner numbers start here, so runs never name a learner twice. */
  firstLearner: number;
  /** Request bodies made beforehand (signed ones), one JSON line each, instead of building them. */
  bodiesFile?: string;
}

export interface BulkResult {
  ms: number;
  credentials: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as BulkJob;
  // Built before timing starts: the figure is the API's, not the client's.
  const bodies = job.bodiesFile
    ? bodyLines(job.bodiesFile, 0, job.warmUp + job.requests)
    : Array.from({ length: job.warmUp + job.requests }, (_, r) =>
        JSON.stringify({ items: bulkItems(job.size, job.firstLearner + r * job.size) }),
      );
  await send(job, bodies.slice(0, job.warmUp));
  const start = performance.now();
  const credentials = await send(job, bodies.slice(job.warmUp));
  process.send!({ ms: performance.now() - start, credentials } satisfies BulkResult);
}

/** Posts every body, `inFlight` at a time; the number of credentials the API issued. */
async function send(job: BulkJob, bodies: string[]): Promise<number> {
  let next = 0;
  let credentials = 0;
  await Promise.all(
    Array.from({ length: job.inFlight }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await fetch(`${job.url}/v1/credentials:batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${job.issuerKey}`, 'content-type': 'application/json' },
          body,
        });
        const answer = (await res.json()) as { credentials?: unknown[] };
        if (res.status !== 201) throw new Error(`bulk issuance: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
        credentials += answer.credentials!.length;
      }
    }),
  );
  return credentials;
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
