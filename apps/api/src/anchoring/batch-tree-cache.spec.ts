import { InMemoryEventStore } from '@stackledger/event-store';
import { initMerkle, MerkleTree } from '@stackledger/merkle';
import { BatchTreeCache } from './batch-tree-cache';

const batch = (index: number) => ({ contract: '0xAbC', index, fromSeq: 1, toSeq: 2 });
const leaf = (byte: number) => `0x${byte.toString(16).padStart(2, '0').repeat(32)}`;

describe('BatchTreeCache', () => {
  beforeAll(() => initMerkle());

  it('serves a tree handed over by the anchoring job without reading the store', async () => {
    const cache = new BatchTreeCache(new InMemoryEventStore());
    const tree = MerkleTree.fromLeaves([leaf(1), leaf(2)]);
    cache.remember(batch(0), tree);
    expect(await cache.get({ ...batch(0), contract: '0xabc' })).toBe(tree);
  });

  it('builds from the store when not cached, and forgets a failed build so a later call can retry', async () => {
    const cache = new BatchTreeCache(new InMemoryEventStore());
    await expect(cache.get(batch(1))).rejects.toThrow(/seq 1 is missing/);
    const tree = MerkleTree.fromLeaves([leaf(3), leaf(4)]);
    cache.remember(batch(1), tree);
    expect(await cache.get(batch(1))).toBe(tree);
  });

  it('keeps only the most recent batches', async () => {
    const cache = new BatchTreeCache(new InMemoryEventStore());
    const trees = [0, 1, 2, 3, 4].map((i) => MerkleTree.fromLeaves([leaf(i + 10)]));
    trees.forEach((tree, i) => cache.remember(batch(i), tree));
    expect(await cache.get(batch(4))).toBe(trees[4]);
    await expect(cache.get(batch(0))).rejects.toThrow(/missing/);
  });
});
