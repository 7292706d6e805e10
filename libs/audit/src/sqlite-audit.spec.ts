import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerFile, SqliteEventStore } from '@stackledger/event-store';
import { deleteEvent, rewriteEventData } from '@stackledger/event-store/sqlite/testing/ledger-file-tampering';
import { credentialKey, initMerkle, MerkleTree, toHex } from '@stackledger/merkle';
import { AuditChain } from './audit-chain.port';
import { LogEvent, LogSource } from './log-event';
import { storeSource } from './log-sources';
import { runAudit } from './run-audit';
import { sqliteFileSource } from './sqlite-file-source';

const contract = '0x00000000000000000000000000000000000000a1';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const credential = (id: string, learnerId: string, minute: number) => ({
  id,
  issuerId: 'i1',
  learnerId,
  title: `Course ${id}`,
  credits: '4',
  level: 5,
  validUntil: '2033-01-01T00:00:00.000Z',
  issuedAt: at(minute),
  salt: `0x${id.padStart(4, '0')}`,
});

/**
 * A small ledger through the real store: an issuer, credentials for two learners, a transfer, a
 * revocation, an anchored batch of the first six events and its BatchAnchored record, then events
 * not anchored yet. Returns the chain that holds that batch and the revocation.
 */
async function writeLedger(store: SqliteEventStore): Promise<AuditChain> {
  const append = (stream: string, type: string, data: Record<string, unknown>, minute: number) =>
    store.append(stream, [{ id: randomUUID(), type, data, metadata: { actor: 'test' }, recordedAt: at(minute) }], 'any');
  await append(
    'issuer-i1',
    'IssuerRegistered',
    {
      issuerId: 'i1',
      name: 'IIT',
      country: 'IN',
      accreditationCode: 'A-1',
      contactEmail: 'r@iit.example',
      apiKeyHash: 'ab'.repeat(32),
      registeredAt: at(0),
    },
    0,
  );
  await append('learner-L', 'CredentialIssued', { credential: credential('c1', 'L', 1) }, 1);
  await append('learner-L', 'CredentialIssued', { credential: credential('c2', 'L', 2) }, 2);
  await append('learner-M', 'CredentialIssued', { credential: credential('c3', 'M', 3) }, 3);
  await append(
    'learner-L',
    'CreditsTransferred',
    { transferId: 't1', learnerId: 'L', toIssuerId: 'i1', programme: 'BA', credentialIds: ['c2'], credits: '4', transferredAt: at(4) },
    4,
  );
  await append(
    'learner-L',
    'CredentialRevoked',
    { credentialId: 'c1', learnerId: 'L', issuerId: 'i1', reason: 'error', revokedAt: at(5), credits: '4' },
    5,
  );
  const root = MerkleTree.fromFlatLeaves(await store.readLeaves(1, 6)).root;
  await append(
    'anchor',
    'BatchAnchored',
    { index: 0, root, fromSeq: 1, toSeq: 6, chainId: 31337, contract, txHash: `0x${'11'.repeat(32)}`, blockNumber: 7 },
    6,
  );
  await append('learner-M', 'CredentialIssued', { credential: credential('c4', 'M', 7) }, 7);
  const revoked = credentialKey(credential('c1', 'L', 1));
  return {
    chainId: async () => 31337,
    batchCount: async () => 1,
    batch: async () => ({ root, fromSeq: 1, toSeq: 6, anchoredAt: 1 }),
    revocations: async () => new Map([[revoked, 1]]),
  };
}

/** The reference: the same rows as one in-process pass gets them (pages of events with their stored leaves). */
function rowsAsPages(file: string): LogSource {
  const ledger = LedgerFile.openReadOnly(file);
  const rows = [...ledger.hashedRows(ledger.head())];
  ledger.close();
  const events: LogEvent[] = rows.map(([seq, id, stream, type, data, recordedAt, leaf]) => ({
    seq,
    id,
    stream,
    type,
    data: JSON.parse(data),
    recordedAt,
    leaf: toHex(leaf!),
  }));
  return (async function* () {
    yield events.slice(0, 3);
    yield events.slice(3);
  })();
}

describe('runAudit over a SQLite store file (two threads)', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  let chain: AuditChain;

  beforeAll(() => initMerkle());
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-sqlite-'));
    file = join(dir, 'ledger.sqlite');
    store = SqliteEventStore.open(file);
    chain = await writeLedger(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports exactly what one pass over the same rows reports', async () => {
    const twoThreads = await runAudit(storeSource(store), chain, contract);
    expect(twoThreads).toMatchObject({
      ok: true,
      events: 8,
      lastSeq: 8,
      batchesChecked: 1,
      anchoredThroughSeq: 6,
      revocationsInLog: 1,
      revocationsOnChain: 1,
      revocationsPending: 0,
    });
    expect(twoThreads.projections).toMatchObject({ issuers: 1, credentials: 4, learners: 2 });
    expect(twoThreads).toEqual(await runAudit(rowsAsPages(file), chain, contract));
  });

  it('reads a store file without the store, without writing to it, with the same report and the same events', async () => {
    const twoThreads = await runAudit(storeSource(store), chain, contract);
    const fromStore: LogEvent[] = [];
    for await (const page of storeSource(store)) fromStore.push(...page);
    await store.close();
    const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
    expect(await runAudit(sqliteFileSource(file), chain, contract)).toEqual(twoThreads);
    const fromFile: LogEvent[] = [];
    for await (const page of sqliteFileSource(file, 3)) fromFile.push(...page);
    expect(fromFile).toEqual(fromStore);
    expect({ bytes: readFileSync(file), mtime: statSync(file).mtimeMs }).toEqual(before);
    store = SqliteEventStore.open(file);
  });

  it('starts its thread from source whatever the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await runAudit(storeSource(store), chain, contract)).ok).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('names a changed row and a removed row by seq, the batch root by its first culprit, as one pass does', async () => {
    rewriteEventData(file, 3, (data) => data.replace('"credits":"4"', '"credits":"40"'));
    deleteEvent(file, 4);
    const twoThreads = await runAudit(storeSource(store), chain, contract);
    expect(twoThreads.divergences.map(({ check, seq }) => [check, seq])).toEqual([
      ['event-hash', 3],
      ['contiguity', 4],
      ['batch-root', 3],
    ]);
    expect(twoThreads.firstDivergence).toMatchObject({ check: 'event-hash', seq: 3 });
    expect(twoThreads).toEqual(await runAudit(rowsAsPages(file), chain, contract));
  });

  it('fails, with the parse error, when a row holds no JSON', async () => {
    rewriteEventData(file, 2, () => '{not json');
    await expect(runAudit(storeSource(store), chain, contract)).rejects.toThrow(SyntaxError);
  });

  it("fails with the hash check thread's error when only that thread can tell (no JCS for a lone surrogate)", async () => {
    rewriteEventData(file, 3, (data) => data.replace('Course c2', 'Course \\ud800'));
    await expect(runAudit(storeSource(store), chain, contract)).rejects.toThrow(/lone surrogate/);
  });
});
