import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { RpcAuditChain, runAudit, storeSource } from '@stackledger/audit';
import { JsonRpcAnchorReader } from '@stackledger/chain';
import { EventStore, NewEvent, SqliteEventStore } from '@stackledger/event-store';
import { credentialKey, initMerkle } from '@stackledger/merkle';
import { AnchorChain } from '../../apps/api/src/anchoring/anchor-chain.port';
import { ANCHOR_STREAM } from '@stackledger/domain';
import { AnchoringJob } from '../../apps/api/src/anchoring/anchoring.job';
import { EthersAnchorChain } from '../../apps/api/src/anchoring/ethers-anchor-chain.adapter';
import { tempDataDir } from '../e2e/support/test-app';
import { deployTestAnchor, TestAnchor } from '../support/test-chain';

jest.setTimeout(180_000);

const CREDENTIALS = 1_000;
const KEYS_PER_TX = 100;
const at = '2026-11-25T10:00:00.000Z';
const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: 'test' },
  recordedAt: at,
});

/** 1,000 credentials issued and all revoked, straight into the store; their keys in seq order. */
async function massRevocation(store: SqliteEventStore): Promise<string[]> {
  const credentials = Array.from({ length: CREDENTIALS }, (_, i) => ({
    id: randomUUID(),
    issuerId: 'iss-1',
    learnerId: `L-${i}`,
    title: 'SQL',
    credits: '4',
    salt: `0x${randomBytes(32).toString('hex')}`,
  }));
  await store.appendMany(
    credentials.map((c) => ({
      stream: `learner-${c.learnerId}`,
      expected: 'no-stream',
      events: [event('CredentialIssued', { credential: c })],
    })),
  );
  await store.appendMany(
    credentials.map((c) => ({
      stream: `learner-${c.learnerId}`,
      expected: 0,
      events: [event('CredentialRevoked', { credentialId: c.id, learnerId: c.learnerId, issuerId: 'iss-1', reason: 'x', revokedAt: at })],
    })),
  );
  return credentials.map((c) => credentialKey(c));
}

/** The chain adapter, noting the keys of every revoke it sends. */
function recording(chain: EthersAnchorChain, sent: string[][]): AnchorChain {
  return {
    location: () => chain.location(),
    ping: () => chain.ping(),
    batchCount: () => chain.batchCount(),
    batch: (index) => chain.batch(index),
    anchorReceipt: (index) => chain.anchorReceipt(index),
    anchor: (root, fromSeq, toSeq) => chain.anchor(root, fromSeq, toSeq),
    sendRevoke: (keys) => (sent.push(keys), chain.sendRevoke(keys)),
    receiptOf: (hash) => chain.receiptOf(hash),
    revokedAt: (key) => chain.revokedAt(key),
    close: async () => undefined,
  };
}

/** The store, "killed" at the Nth RevocationsPushed record: the transaction is confirmed, its record never written. */
function killedAtPushRecord(store: EventStore, n: number): EventStore {
  const crashing = Object.create(store) as EventStore;
  let records = 0;
  crashing.append = async (stream, events, expected) => {
    if (events[0].type === 'RevocationsPushed' && ++records === n) throw new Error('process killed');
    return store.append(stream, events, expected);
  };
  return crashing;
}

describe('a revocation push killed mid-way resumes: nothing recorded is sent again, no gap (real SQLite, real chain)', () => {
  const data = tempDataDir('revocation-resume');
  let deployed: TestAnchor;
  let store: SqliteEventStore;
  let chain: EthersAnchorChain;
  beforeAll(async () => {
    await initMerkle();
    deployed = await deployTestAnchor();
    store = SqliteEventStore.open(join(data.dir, 'events.sqlite'));
    chain = await EthersAnchorChain.connect({
      rpcUrl: deployed.rpcUrl,
      contract: deployed.record.address,
      privateKey: deployed.anchorerKey,
      deploymentBlock: deployed.record.blockNumber,
    });
  });
  afterAll(async () => {
    await chain?.close();
    await store?.close();
    data.remove();
  });

  const job = (s: EventStore, c: AnchorChain) =>
    new AnchoringJob(s, c, {
      instanceId: 'resume',
      claimTtlMs: 60_000,
      now: () => new Date(),
      revocations: { keysPerTransaction: KEYS_PER_TX, window: 4 },
    });
  const pushRecords = async () =>
    (await store.readStream(ANCHOR_STREAM))
      .filter((e) => e.type === 'RevocationsPushed')
      .map((e) => e.data as { fromSeq: number; toSeq: number; keys: number });
  const audit = () =>
    runAudit(
      storeSource(store),
      new RpcAuditChain(new JsonRpcAnchorReader(deployed.rpcUrl, deployed.record.address), deployed.record.blockNumber),
      deployed.record.address,
    );

  it('the first run anchors and is killed after 3 of 10 chunks are recorded; the audit calls the rest pending', async () => {
    const keys = await massRevocation(store);
    const sent: string[][] = [];
    const first = await job(killedAtPushRecord(store, 4), recording(chain, sent)).run();
    expect(first).toMatchObject({ outcome: 'anchored', batch: { index: 0, fromSeq: 1, toSeq: 2 * CREDENTIALS }, revoked: 3 * KEYS_PER_TX });
    expect(first.outcome === 'anchored' && first.revocationError?.message).toBe('process killed');
    // Chunks 4.. were in flight (window 4): sent, perhaps mined, never recorded.
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect((await pushRecords()).map((r) => r.keys)).toEqual([KEYS_PER_TX, KEYS_PER_TX, KEYS_PER_TX]);

    const report = await audit();
    expect(report).toMatchObject({ ok: true, revocationsInLog: CREDENTIALS, revocationsPending: CREDENTIALS - report.revocationsOnChain });
    expect(report.revocationsOnChain).toBeGreaterThanOrEqual(3 * KEYS_PER_TX);
    expect(report.divergences).toEqual([]);

    const resent: string[][] = [];
    const second = await job(store, recording(chain, resent)).run();
    expect(second).toMatchObject({ outcome: 'nothing-pending', revoked: 7 * KEYS_PER_TX, revocationTransactions: 7 });
    const recordedFirst = new Set(sent.slice(0, 3).flat());
    expect(resent.flat().filter((key) => recordedFirst.has(key))).toEqual([]);
    expect(new Set([...sent.slice(0, 3).flat(), ...resent.flat()])).toEqual(new Set(keys));

    const records = await pushRecords();
    expect(records.map((r) => r.keys)).toEqual(Array(10).fill(KEYS_PER_TX));
    records.forEach((r, i) => expect(r.fromSeq).toBe(i === 0 ? 1 : records[i - 1].toSeq + 1));
    expect(records.at(-1)!.toSeq).toBe(2 * CREDENTIALS);
    const after = await audit();
    expect(after).toMatchObject({ ok: true, revocationsInLog: CREDENTIALS, revocationsOnChain: CREDENTIALS, revocationsPending: 0 });
    for (const key of [keys[0], keys[499], keys[CREDENTIALS - 1]]) expect(await chain.revokedAt(key)).toBeGreaterThan(0);
  });
});
