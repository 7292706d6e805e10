import { InMemoryEventStore, SqliteEventStore, EventStore } from '@stackledger/event-store';
import { eventLeaf, initMerkle, MerkleTree, verifyProof } from '@stackledger/merkle';
import { batchTreeOf } from './batch-tree';

const fill = async (store: EventStore, count: number) => {
  for (let n = 0; n < count; n++) {
    await store.append(
      `learner-${n % 3}`,
      [
        {
          id: crypto.randomUUID(),
          type: 'CredentialIssued',
          data: { credential: { n, title: `t${n}` } },
          metadata: { actor: 'x' },
          recordedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
      'any',
    );
  }
};

describe('batch tree', () => {
  beforeAll(() => initMerkle());

  it.each([1, 2, 3, 7, 8, 33])(
    'built from a flat leaf buffer, equals the tree from separate leaves (root, leaves, proofs) for %i leaves',
    (count) => {
      const leaves = Array.from({ length: count }, (_, i) =>
        eventLeaf({ seq: i + 1, id: `id-${i}`, stream: 's', type: 't', data: { i }, recordedAt: 'r' }),
      );
      const flat = new Uint8Array(count * 32);
      leaves.forEach((leaf, i) => flat.set(Buffer.from(leaf.slice(2), 'hex'), i * 32));
      const reference = MerkleTree.fromLeaves(leaves);
      const tree = MerkleTree.fromFlatLeaves(flat);
      expect(tree.root).toBe(reference.root);
      for (let i = 0; i < count; i++) {
        expect(tree.leaf(i)).toBe(reference.leaf(i));
        expect(tree.proof(i)).toEqual(reference.proof(i));
        expect(verifyProof(tree.root, tree.proof(i), tree.leaf(i))).toBe(true);
      }
    },
  );

  it('gives the same tree from stored leaves (SQLite) and from computed ones (in-memory store)', async () => {
    const sqlite = SqliteEventStore.open(':memory:');
    const memory = new InMemoryEventStore();
    await fill(sqlite, 5);
    for (const e of await sqlite.readAll(1, 5)) await memory.append(e.stream, [{ ...e }], 'any');
    const [stored, computed] = await Promise.all([batchTreeOf(sqlite, 2, 5), batchTreeOf(memory, 2, 5)]);
    expect(stored.root).toBe(computed.root);
    expect(stored.root).toBe(MerkleTree.fromLeaves((await memory.readAll(2, 4)).map(eventLeaf)).root);
    await sqlite.close();
  });

  it('computes leaves page by page (10000 events a page) equal to each event leaf', async () => {
    const memory = new InMemoryEventStore();
    await memory.append(
      's',
      Array.from({ length: 10_003 }, (_, n) => ({
        id: crypto.randomUUID(),
        type: 'T',
        data: { n, é: '€'.repeat(n % 5) },
        metadata: { actor: 'x' },
        recordedAt: '2026-01-01T00:00:00.000Z',
      })),
      'no-stream',
    );
    const tree = await batchTreeOf(memory, 2, 10_003);
    const events = await memory.readAll(2, 10_002);
    expect(tree.leafCount).toBe(10_002);
    for (const i of [0, 9_998, 9_999, 10_000, 10_001]) expect(tree.leaf(i)).toBe(eventLeaf(events[i]));
    expect(tree.root).toBe(MerkleTree.fromLeaves(events.map(eventLeaf)).root);
  });

  it('refuses a store page with a gap in seqs', async () => {
    const event = (seq: number) => ({
      seq,
      id: `id-${seq}`,
      stream: 's',
      revision: seq - 1,
      type: 'T',
      data: {},
      metadata: {},
      recordedAt: 'r',
    });
    const gappy = { readAll: async () => [event(1), event(2), event(4)] } as unknown as EventStore;
    await expect(batchTreeOf(gappy, 1, 4)).rejects.toThrow(/seq 3 is missing/);
  });
});
