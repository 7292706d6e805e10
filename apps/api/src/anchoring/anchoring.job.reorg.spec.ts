import { EventStore, InMemoryEventStore, NewEvent } from '@stackledger/event-store';
import { credentialKey, initMerkle } from '@stackledger/merkle';
import { ANCHOR_STREAM } from '@stackledger/domain';
import { AnchoringJob } from './anchoring.job';
import { ChainMismatchError } from './chain-reconciler';
import { InMemoryAnchorChain } from './testing/in-memory-anchor-chain';

/** The job's rules against the contract's rules in memory; the same paths run on a real chain in test/reliability/anchoring-reorg.spec.ts. */
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

async function revoke(store: EventStore, ids: string[]): Promise<void> {
  for (const id of ids)
    await store.append(
      'learner-L-1',
      [event('CredentialRevoked', { credentialId: id, learnerId: 'L-1', issuerId: 'iss-1', reason: 'x', revokedAt: at })],
      'any',
    );
}

const job = (store: EventStore, chain: InMemoryAnchorChain, options: Partial<ConstructorParameters<typeof AnchoringJob>[2]> = {}) =>
  new AnchoringJob(store, chain, { instanceId: 'instance-a', claimTtlMs: 60_000, now: () => new Date(at), ...options });

const records = async (store: EventStore, type: string) =>
  (await store.readStream(ANCHOR_STREAM)).filter((e) => e.type === type).map((e) => e.data);
const ids = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('AnchoringJob: chunked revocations, reorganisations, a chain it cannot explain', () => {
  beforeAll(() => initMerkle());

  it('pushes revocations in chunks, one RevocationsPushed per transaction, the records tiling the anchored range', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ids(10));
    await revoke(store, ids(10));
    const result = await job(store, chain, { revocations: { keysPerTransaction: 3 } }).run();
    expect(result).toMatchObject({ outcome: 'anchored', revoked: 10, revocationTransactions: 4 });
    expect(chain.revokeCalls.map((keys) => keys.length)).toEqual([3, 3, 3, 1]);
    const pushed = await records(store, 'RevocationsPushed');
    expect(pushed.map((p) => [p.fromSeq, p.toSeq, p.keys])).toEqual([
      [1, 13, 3],
      [14, 16, 3],
      [17, 19, 3],
      [20, 20, 1],
    ]);
    for (const id of ids(10)) expect(chain.revocations.has(credentialKey(credential(id)))).toBe(true);
  });

  it('anchors first: a failing revocation push keeps the batch, and the next run resumes the push where it stopped', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ids(6));
    await revoke(store, ids(6));
    const send = chain.sendRevoke.bind(chain);
    let sends = 0;
    chain.sendRevoke = async (keys) => (++sends === 2 ? Promise.reject(new Error('nonce too low')) : send(keys));
    const first = await job(store, chain, { revocations: { keysPerTransaction: 2 } }).run();
    expect(first).toMatchObject({ outcome: 'anchored', batch: { index: 0, fromSeq: 1, toSeq: 12 }, revoked: 2 });
    expect(first.outcome === 'anchored' && first.revocationError?.message).toBe('nonce too low');

    const second = await job(store, chain, { revocations: { keysPerTransaction: 2 } }).run();
    expect(second).toMatchObject({ outcome: 'nothing-pending', revoked: 4, revocationTransactions: 2 });
    // The first chunk was recorded: never sent again.
    expect(chain.revokeCalls.flat()).toHaveLength(6);
    expect(new Set(chain.revokeCalls.flat()).size).toBe(6);
  });

  it('records a long stretch without revocations as passed (no transaction), so it is not scanned again; a short one not at all', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ids(2));
    await job(store, chain, { revocations: { markSpan: 3 } }).run();
    expect(await records(store, 'RevocationsPushed')).toEqual([]);
    await issue(store, ['c9']);
    await job(store, chain, { revocations: { markSpan: 3 } }).run();
    expect(await records(store, 'RevocationsPushed')).toEqual([expect.objectContaining({ fromSeq: 1, toSeq: 5, keys: 0 })]);
    expect(chain.revokeCalls).toEqual([]);
  });

  it('caps a batch at maxBatchSpan seqs and anchors the rest in the next runs', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ids(5));
    expect(await job(store, chain, { maxBatchSpan: 2 }).run()).toMatchObject({ outcome: 'anchored', batch: { fromSeq: 1, toSeq: 2 } });
    expect(await job(store, chain, { maxBatchSpan: 2 }).run()).toMatchObject({ outcome: 'anchored', batch: { fromSeq: 3, toSeq: 4 } });
  });

  it('a batch a reorganisation removed is recorded as orphaned and anchored again with the same index, range and root', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1']);
    await job(store, chain).run();
    await issue(store, ['c2']);
    const lost = await job(store, chain).run();
    expect(lost).toMatchObject({ outcome: 'anchored', batch: { index: 1 } });
    chain.reorg(1);
    await issue(store, ['c3']);

    const result = await job(store, chain).run();
    expect(result).toMatchObject({ outcome: 'anchored', reanchored: 1, batch: { index: 2 } });
    const orphaned = await records(store, 'BatchOrphaned');
    expect(orphaned).toEqual([expect.objectContaining({ index: 1, chainBatchCount: 1 })]);
    const again = lost.outcome === 'anchored' && lost.batch;
    expect(chain.batches[1]).toMatchObject({ root: again && again.root, fromSeq: again && again.fromSeq, toSeq: again && again.toSeq });
    expect((await records(store, 'BatchAnchored')).map((b) => b.index)).toEqual([0, 1, 1, 2]);
  });

  it('revocations whose transaction a reorganisation removed are pushed again', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ids(4));
    await revoke(store, ids(4));
    await job(store, chain, { revocations: { keysPerTransaction: 2 } }).run();
    const pushed = await records(store, 'RevocationsPushed');
    chain.reorg(1, [pushed[1].txHash as string]);
    const key = credentialKey(credential('c3'));
    expect(chain.revocations.has(key)).toBe(false);

    const result = await job(store, chain, { revocations: { keysPerTransaction: 2 } }).run();
    expect(result).toMatchObject({ outcome: 'nothing-pending', revoked: 2, revocationTransactions: 1 });
    expect(await records(store, 'RevocationsOrphaned')).toEqual([expect.objectContaining({ fromSeq: pushed[1].fromSeq })]);
    expect(chain.revocations.has(key)).toBe(true);
  });

  it('refuses to copy a batch from the chain whose root the log does not give', async () => {
    const store = new InMemoryEventStore();
    const chain = new InMemoryAnchorChain();
    await issue(store, ['c1', 'c2']);
    await chain.anchor(`0x${'42'.repeat(32)}`, 1, 2);
    await expect(job(store, chain).run()).rejects.toThrow(/root 0x4242.*but the log gives 0x[0-9a-f]{64}: refusing to copy it/);
    await expect(job(store, chain).run()).rejects.toThrow(ChainMismatchError);
    expect(await records(store, 'BatchAnchored')).toEqual([]);
  });
});
