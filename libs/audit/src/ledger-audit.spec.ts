import { credentialKey, eventHash, initMerkle, leafOf, MerkleTree } from '@stackledger/merkle';
import { AuditChain } from './audit-chain.port';
import { LogEvent } from './log-event';
import { runAudit } from './run-audit';

const contract = '0x00000000000000000000000000000000000000a1';
const credential = {
  id: 'c1',
  issuerId: 'i1',
  learnerId: 'L',
  title: 'SQL',
  credits: '4',
  level: 5,
  validUntil: '2033-01-01T00:00:00.000Z',
  issuedAt: '2026-01-01T00:00:00.000Z',
  salt: '0x01',
};
const log: LogEvent[] = [
  { seq: 1, id: 'e1', stream: 'learner-L', type: 'CredentialIssued', data: { credential }, recordedAt: '2026-01-01T00:00:00.000Z' },
  {
    seq: 2,
    id: 'e2',
    stream: 'learner-L',
    type: 'CredentialRevoked',
    data: { credentialId: 'c1', learnerId: 'L', issuerId: 'i1', reason: 'x', revokedAt: '2026-01-02T00:00:00.000Z' },
    recordedAt: '2026-01-02T00:00:00.000Z',
  },
];
const anchorRecord = (seq: number, type: string, data: Record<string, unknown>): LogEvent => ({
  seq,
  id: `e${seq}`,
  stream: 'anchor',
  type,
  data: { chainId: 31337, contract, ...data },
  recordedAt: '2026-01-02T00:01:00.000Z',
});
/** The job's record that the revocations of seq 1-2 are on chain. */
const pushed = [
  ...log,
  anchorRecord(3, 'RevocationsPushed', { fromSeq: 1, toSeq: 2, keys: 1, txHash: `0x${'aa'.repeat(32)}`, blockNumber: 5 }),
];

function chainFor(events: LogEvent[], revoked: string[]): AuditChain {
  const root = MerkleTree.fromLeaves(events.map((e) => leafOf(eventHash(e)))).root;
  return {
    chainId: async () => 31337,
    batchCount: async () => 1,
    batch: async () => ({ root, fromSeq: 1, toSeq: events.length, anchoredAt: 1 }),
    revocations: async () => new Map(revoked.map((k) => [k, 1])),
  };
}

async function* pages(events: LogEvent[]) {
  yield events;
}

describe('LedgerAudit revocation checks', () => {
  beforeAll(() => initMerkle());

  it('passes when every pushed revocation is on chain and nothing else is', async () => {
    const report = await runAudit(pages(pushed), chainFor(pushed, [credentialKey(credential)]), contract);
    expect(report).toMatchObject({ ok: true, revocationsInLog: 1, revocationsOnChain: 1, revocationsPending: 0 });
  });

  it('names a revocation recorded as pushed that the chain lacks, by seq', async () => {
    const report = await runAudit(pages(pushed), chainFor(pushed, []), contract);
    expect(report.firstDivergence).toMatchObject({ check: 'revocation-missing-on-chain', seq: 2 });
  });

  it('counts an anchored revocation not yet pushed (the job anchors first, then pushes) as pending, not a divergence', async () => {
    const report = await runAudit(pages(log), chainFor(log, []), contract);
    expect(report).toMatchObject({ ok: true, anchoredThroughSeq: 2, revocationsPending: 1 });
  });

  it('counts a pushed revocation a reorganisation removed (RevocationsOrphaned) as pending again', async () => {
    const orphaned = [...pushed, anchorRecord(4, 'RevocationsOrphaned', { fromSeq: 1, txHash: `0x${'aa'.repeat(32)}` })];
    const report = await runAudit(pages(orphaned), chainFor(orphaned, []), contract);
    expect(report).toMatchObject({ ok: true, revocationsPending: 1 });
  });

  it('names a revocation on chain that the log does not hold', async () => {
    const stray = `0x${'77'.repeat(32)}`;
    const report = await runAudit(pages(pushed), chainFor(pushed, [credentialKey(credential), stray]), contract);
    expect(report.ok).toBe(false);
    expect(report.firstDivergence).toMatchObject({ check: 'revocation-missing-in-log' });
    expect(report.firstDivergence?.reason).toContain(stray);
  });

  it('counts a revocation after the last anchored batch as pending, not a divergence', async () => {
    const report = await runAudit(pages(log), chainFor(log.slice(0, 1), []), contract);
    expect(report).toMatchObject({ ok: true, anchoredThroughSeq: 1, revocationsPending: 1 });
  });
});
