import { InMemoryEventStore, EventStore, NewEvent } from '@stackledger/event-store';
import { credentialKey, eventHash, initMerkle, leafOf, MerkleTree } from '@stackledger/merkle';
import { ANCHOR_STREAM } from '@stackledger/domain';
import { AnchoringJob } from './anchoring.job';
import { ChainMismatchError } from './chain-reconciler';
import { InMemoryAnchorChain } from './testing/in-memory-anchor-chain';

const at = '2026-11-25T10:00:00.000Z';
const credential = (id: string) => ({ id, issuerId: 'iss-1', learnerId: 'L-1', title: 'SQL', credits: '4', salt: `0x${'ab'.repeat(32)}` });
const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  id: crypto.randomUUID(),
  type,
  data,
  metadata: { actor: 'test' },
  recordedAt: at,
});

async function issue(store: EventStore, ids: string[]): Promise<void> {
  for (const id of ids) await store.append('learner-L-1', [event('CredentialIssued', { credential: credential(id) })], 'any');
}

function job(store: EventStore, chain: InMemoryAnchorChain, instanceId = 'instance-a', now = () => new Date(at)) {
  return new AnchoringJob(store, chain, { instanceId, claimTtlMs: 60_000, now });
}

describe('AnchoringJob', () => {
  beforeAll(() => initMerkle());

  it('anchors every pending event in one batch whose root is the batch tree over the events', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1', 'c2', 'c3']);
    const result = await job(store, chain).run();
    expect(result.outcome).toBe('anchored');
    const events = await store.readAll(1, 3);
    const expectedRoot = MerkleTree.fromLeaves(events.map((e) => leafOf(eventHash(e)))).root;
    expect(chain.batches).toEqual([expect.objectContaining({ index: 0, fromSeq: 1, toSeq: 3, root: expectedRoot })]);
    const recorded = (await store.readStream(ANCHOR_STREAM)).map((e) => e.type);
    expect(recorded).toEqual(['AnchorClaimed', 'BatchAnchored']);
  });

  it('does not anchor when only its own records are pending, and picks them up with the next real events', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1']);
    await job(store, chain).run();
    expect((await job(store, chain).run()).outcome).toBe('nothing-pending');
    await issue(store, ['c2']);
    const next = await job(store, chain).run();
    expect(next).toMatchObject({ outcome: 'anchored', batch: { index: 1, fromSeq: 2, toSeq: 4 } });
  });

  it('after a crash between the transaction and the record, reconciles from the chain: no double anchor, no gap', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1', 'c2']);
    const crashing = Object.create(store) as EventStore;
    crashing.append = async (stream, events, expected) => {
      if (events[0].type === 'BatchAnchored') throw new Error('process killed');
      return store.append(stream, events, expected);
    };
    await expect(job(crashing, chain).run()).rejects.toThrow('process killed');
    expect(chain.batches).toHaveLength(1);

    await issue(store, ['c3']);
    const result = await job(store, chain).run();
    expect(chain.anchorCalls).toBe(2);
    expect(chain.batches.map((b) => [b.fromSeq, b.toSeq])).toEqual([
      [1, 2],
      [3, 5],
    ]);
    expect(result).toMatchObject({ outcome: 'anchored', batch: { index: 1, fromSeq: 3 } });
    const anchored = (await store.readStream(ANCHOR_STREAM)).filter((e) => e.type === 'BatchAnchored').map((e) => e.data.index);
    expect(anchored).toEqual([0, 1]);
  });

  it('a live claim by another instance makes it stand aside; a stale one is taken over', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1']);
    const loc = chain.location();
    await store.append(
      ANCHOR_STREAM,
      [
        event('AnchorClaimed', {
          index: 0,
          fromSeq: 1,
          toSeq: 1,
          root: `0x${'11'.repeat(32)}`,
          chainId: loc.chainId,
          contract: loc.contract,
          instanceId: 'instance-b',
          claimedAt: at,
        }),
      ],
      'no-stream',
    );
    expect((await job(store, chain).run()).outcome).toBe('busy');
    expect(chain.anchorCalls).toBe(0);
    const later = () => new Date(Date.parse(at) + 120_000);
    expect((await job(store, chain, 'instance-a', later).run()).outcome).toBe('anchored');
  });

  it('stands aside when another instance writes to the anchor stream between its claim and its record; the next run copies the batch from the chain', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1']);
    const anchor = chain.anchor.bind(chain);
    chain.anchor = async (root, fromSeq, toSeq) => {
      const loc = chain.location();
      await store.append(
        ANCHOR_STREAM,
        [
          event('AnchorClaimed', {
            index: 0,
            fromSeq,
            toSeq,
            root,
            chainId: loc.chainId,
            contract: loc.contract,
            instanceId: 'instance-b',
            claimedAt: at,
          }),
        ],
        'any',
      );
      return anchor(root, fromSeq, toSeq);
    };
    expect((await job(store, chain).run()).outcome).toBe('busy');
    expect((await store.readStream(ANCHOR_STREAM)).map((e) => e.type)).toEqual(['AnchorClaimed', 'AnchorClaimed']);
    chain.anchor = anchor;
    expect(await job(store, chain, 'instance-b').run()).toMatchObject({ outcome: 'nothing-pending' });
    expect((await store.readStream(ANCHOR_STREAM)).map((e) => e.type)).toEqual(['AnchorClaimed', 'AnchorClaimed', 'BatchAnchored']);
    expect(chain.anchorCalls).toBe(1);
  });

  it('pushes revocations on chain after anchoring, once', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1']);
    await store.append(
      'learner-L-1',
      [event('CredentialRevoked', { credentialId: 'c1', learnerId: 'L-1', issuerId: 'iss-1', reason: 'x', revokedAt: at, credits: '4' })],
      'any',
    );
    const result = await job(store, chain).run();
    expect(result).toMatchObject({ outcome: 'anchored', revoked: 1 });
    expect(chain.revocations.get(credentialKey(credential('c1')))).toBeGreaterThan(0);
  });

  it('with the chain down it fails without recording anything, and catches up in one batch when it is back', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1']);
    chain.down = true;
    await expect(job(store, chain).run()).rejects.toThrow('ECONNREFUSED');
    await issue(store, ['c2', 'c3']);
    chain.down = false;
    expect(await job(store, chain).run()).toMatchObject({ outcome: 'anchored', batch: { index: 0, fromSeq: 1, toSeq: 3 } });
  });

  it('refuses to go on when the chain holds another history than the record (wrong chain or contract)', async () => {
    const store = new InMemoryEventStore();
    await issue(store, ['c1']);
    await job(store, new InMemoryAnchorChain()).run();
    await issue(store, ['c2']);
    const other = new InMemoryAnchorChain();
    await other.anchor(`0x${'99'.repeat(32)}`, 1, 3);
    await expect(job(store, other).run()).rejects.toThrow(ChainMismatchError);
    expect(other.batches).toHaveLength(1);
  });
});
