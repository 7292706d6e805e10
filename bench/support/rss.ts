import { Worker } from 'node:worker_threads';

/** The sampler's thread: the work measured may keep the main thread busy for seconds at a time. */
const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = process.memoryUsage.rss();
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
parentPort.once('message', () => {
  clearInterval(timer);
  parentPort.postMessage(Math.max(peak, process.memoryUsage.rss()));
});
`;

const MiB = 2 ** 20;

/**
 * Samples the resident set of the whole process (every thread's heap, SQLite's caches, WASM memory)
 * every 20 ms from a thread of its own, until `stop`, which gives the peak in MiB; `before` is the
 * RSS when sampling started (what earlier benches left in the process).
 */
export function sampleRss(): { before: number; stop(): Promise<number> } {
  const before = process.memoryUsage.rss() / MiB;
  const worker = new Worker(SAMPLER, { eval: true });
  return {
    before,
    stop: () =>
      new Promise((resolve, reject) => {
        worker.once('message', (peak: number) => {
          void worker.terminate();
          resolve(peak / MiB);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}
