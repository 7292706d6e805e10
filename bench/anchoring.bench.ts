import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@stackledger/event-store';
import { initMerkle } from '@stackledger/merkle';
import { AnchoringJob } from '../apps/api/src/anchoring/anchoring.job';
import { InMemoryAnchorChain } from '../apps/api/src/anchoring/testing/in-memory-anchor-chain';
import { bareRoot } from './support/bare-tree';
import { figure, note, timed } from './support/figures';

/**
 * One anchoring run over every event of the generated ledger (all pending): claim, revocations,
 * tree from stored leaves, anchor (in-memory chain: chain latency is not ours), record. Baseline: the
 * bare array-of-levels keccak tree build over the same leaves, already in memory.
 */
export async function anchoringBench(ledger: string): Promise<void> {
  await initMerkle();
  const dir = mkdtempSync(join(tmpdir(), 'bench-anchor-'));
  const file = join(dir, 'ledger.sqlite');
  copyFileSync(ledger, file);
  const store = SqliteEventStore.open(file);
  try {
    const head = await store.headSeq();
    note(`anchoring: ${head} pending events`);
    const job = new AnchoringJob(store, new InMemoryAnchorChain(), { instanceId: 'bench', claimTtlMs: 60_000, now: () => new Date() });
    const run = await timed(() => job.run());
    if (run.result.outcome !== 'anchored') throw new Error(`anchoring did not anchor: ${run.result.outcome}`);
    const leaves = await store.readLeaves(1, head);
    const bare = await timed(() => bareRoot(leaves));
    if (bare.result !== run.result.batch.root) throw new Error('anchored root differs from the bare tree root');
    figure(`anchoring run, ${head} pending events`, run.ms, 'ms', bare.ms, '<= 2000 ms; ratio <= 1.5');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
