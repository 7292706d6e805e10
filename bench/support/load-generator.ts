// autocannon in its own process: run in the server's process it would take the server's event
// loop and core for itself, and the figures would measure the load generator as much as the API.
//   fork('bench/support/load-generator.ts', [JSON.stringify(job)]) -> one IPC message, the result
import autocannon from 'autocannon';
import { bodyLines, bulkItems } from './bulk';

export interface LoadJob {
  url: string;
  seconds: number;
  connections: number;
  /** POST a fresh single-credential body per request with this issuer key; GET when absent. */
  issuerKey?: string;
  /**
   * POST these bodies instead, each once (lines `from`..`from + count - 1` of a JSON-lines file, as
   * signed bodies are made before timing): the run ends after `count` requests, not `seconds`.
   */
  bodies?: { file: string; from: number; count: number };
}

export type LoadResult = Pick<autocannon.Result, 'requests' | 'latency' | 'non2xx' | 'errors' | 'duration'> & {
  /** Responses per second over the whole run: for a run of given bodies, whose last second is partial. */
  rate: number;
};

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as LoadJob;
  let n = 0;
  const given = job.bodies && bodyLines(job.bodies.file, job.bodies.from, job.bodies.count);
  const body = given ? () => given[n++] : () => JSON.stringify(bulkItems(1, n++)[0]);
  const post = job.issuerKey !== undefined && {
    method: 'POST',
    headers: { authorization: `Bearer ${job.issuerKey}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }],
  };
  const length = given ? { amount: given.length } : { duration: job.seconds };
  const result = await autocannon({ url: job.url, connections: job.connections, ...length, ...(post || {}) });
  const { requests, latency, non2xx, errors, duration } = result;
  const rate = requests.total / duration;
  process.send!({ requests, latency, non2xx, errors, duration, rate } satisfies LoadResult);
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
