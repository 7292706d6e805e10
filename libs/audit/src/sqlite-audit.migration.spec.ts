import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerFile, SqliteEventStore } from '@stackledger/event-store';
import { rewriteEventData } from '@stackledger/event-store/sqlite/testing/ledger-file-tampering';
import { initMerkle } from '@stackledger/merkle';
import { AuditChain } from './audit-chain.port';
import { runAudit } from './run-audit';
import { sqliteFileSource } from './sqlite-file-source';

/** Written by the store of schema 2 (see libs/event-store/src/sqlite/ledger-file.migration.spec.ts). */
const FIXTURE = join(__dirname, '..', '..', 'event-store', 'src', 'sqlite', 'testing', 'fixtures', 'ledger-v2.sqlite');
const contract = '0x00000000000000000000000000000000000000a1';

/** The chain as the fixture's writer left it: batch 0 over seq 1-7 and the revocation of c1, as that code computed them. */
const chain: AuditChain = {
  chainId: async () => 31337,
  batchCount: async () => 1,
  batch: async () => ({ root: '0x28fb051a2bec53a6197b3dc19a65772f52a9f3a5ffca64f3f2bf57cca72068dc', fromSeq: 1, toSeq: 7, anchoredAt: 1 }),
  revocations: async () => new Map([['0xd24c61f3d1302c37af5c3c818217f092655af657a006a3d7b60dcb6d0ad65bf2', 1]]),
};

describe('ledger audit of a ledger written by schema 2, before and after its rewrite', () => {
  let dir: string;
  let file: string;
  beforeAll(() => initMerkle());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-migration-'));
    file = join(dir, 'ledger.sqlite');
    copyFileSync(FIXTURE, file);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const audit = () => runAudit(sqliteFileSource(file), chain, contract);
  const expected = {
    ok: true,
    events: 9,
    lastSeq: 9,
    batchesChecked: 1,
    anchoredThroughSeq: 7,
    revocationsInLog: 1,
    revocationsPending: 0,
  };

  it('passes on the old file read as it is, and on the same file once the store rewrote it', async () => {
    const before = await audit();
    expect(before).toMatchObject(expected);
    await SqliteEventStore.open(file).close();
    const ledger = LedgerFile.openReadOnly(file);
    expect(ledger.dataIsCanonical).toBe(true);
    ledger.close();
    const after = await audit();
    expect(after).toMatchObject(expected);
    expect(after.projections).toMatchObject({ issuers: before.projections.issuers, credentials: 4, learners: 2 });
  });

  it('on a canonical file, names a changed event, and takes a text rewritten out of canonical form but unchanged as intact', async () => {
    await SqliteEventStore.open(file).close();
    rewriteEventData(file, 3, (data) => data.replace('"hours":135', '"hours":136'));
    rewriteEventData(file, 4, (data) => JSON.stringify(JSON.parse(data), null, 1));
    const report = await audit();
    expect(report.divergences.map(({ check, seq }) => [check, seq])).toEqual([
      ['event-hash', 3],
      ['batch-root', 3],
    ]);
  });
});
