import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerFile } from '@stackledger/event-store';
import { rewriteEventData } from '@stackledger/event-store/sqlite/testing/ledger-file-tampering';
import { run } from '../../apps/cli/src/main';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { deployTestAnchor } from '../support/test-chain';
import { claimLearner, grantAccess, issueCredential, registerIssuer } from '../e2e/support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from '../e2e/support/test-app';

jest.setTimeout(90_000);

async function ledger(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('auditor replay: ledger export / audit / replay and GET /v1/events', () => {
  const data = tempDataDir('audit');
  let api: TestApp;
  let rpc: string;
  let contract: string;
  let exported: string;
  let revokedId: string;
  let revokedAt: string;

  beforeAll(async () => {
    const deployed = await deployTestAnchor();
    rpc = deployed.rpcUrl;
    contract = deployed.record.address;
    const env = { CHAIN_RPC_URL: rpc, ANCHOR_CONTRACT: contract, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    api = await startTestApp(data.dir, { ANCHOR_INTERVAL_MS: '0' }, await openAnchorChain(data.dir, env));
    const { http, adminKey } = api;
    const iitm = await registerIssuer(http, adminKey, 'IIT Madras Online');
    const ignou = await registerIssuer(http, adminKey, 'IGNOU');
    const a = await issueCredential(http, iitm.apiKey, 'L-audit');
    const b = await issueCredential(http, iitm.apiKey, 'L-audit', { title: 'Statistics', credits: 3, hours: 90 });
    await grantAccess(http, await claimLearner(http, iitm.apiKey, 'L-audit'), ignou.id, ['transfer']);
    await http.post('/v1/learners/L-audit/transfers', { credentialIds: [a.id], programme: 'BA' }, ignou.apiKey);
    await http.post('/v1/anchors', {}, adminKey);
    await new Promise((r) => setTimeout(r, 20));
    const revoked = await http.post(`/v1/credentials/${b.id}/revoke`, { reason: 'error' }, iitm.apiKey);
    revokedId = b.id;
    revokedAt = revoked.body.revocation.revokedAt;
    await issueCredential(http, ignou.apiKey, 'L-other');
    await http.post('/v1/anchors', {}, adminKey);
    await issueCredential(http, ignou.apiKey, 'L-other', { title: 'Not anchored yet' });

    exported = join(data.dir, 'export.ndjson');
    const result = await ledger('export', '--data-dir', data.dir, '--out', exported);
    expect(result.code).toBe(0);
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('GET /v1/events streams the same NDJSON as ledger export, for auditors only', async () => {
    const response = await api.http.request('GET', '/v1/events', { key: api.auditorKey });
    expect(response.status).toBe(200);
    expect(response.text).toBe(readFileSync(exported, 'utf8'));
    const page = await api.http.request('GET', '/v1/events?fromSeq=3&limit=2', { key: api.adminKey });
    expect(
      page.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
    ).toEqual([3, 4]);
    expect((await api.http.get('/v1/events')).status).toBe(401);
    expect((await api.http.request('GET', '/v1/events?fromSeq=0', { key: api.auditorKey })).body.field).toBe('fromSeq');
  });

  it('an honest export passes the audit, from the file and from the store alike', async () => {
    const fromFile = await ledger('audit', '--from-file', exported, '--rpc', rpc, '--contract', contract, '--json');
    expect(fromFile.code).toBe(0);
    const report = JSON.parse(fromFile.out);
    expect(report).toMatchObject({ ok: true, batchesChecked: 2, revocationsInLog: 1, revocationsOnChain: 1, divergences: [] });
    expect(report.lastSeq).toBeGreaterThan(report.anchoredThroughSeq);
    const fromStore = await ledger('audit', '--data-dir', data.dir, '--rpc', rpc, '--contract', contract, '--json');
    expect(fromStore.code).toBe(0);
    expect(JSON.parse(fromStore.out).projections).toEqual(report.projections);
    const text = await ledger('audit', '--from-file', exported, '--rpc', rpc, '--contract', contract);
    expect(text.out).toContain('AUDIT PASSED');
  });

  it("one anchored event's credits altered: the audit fails and names that event's seq", async () => {
    const lines = readFileSync(exported, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const target = lines.find((e) => e.type === 'CredentialIssued' && e.data.credential.title === 'Statistics');
    target.data.credential.credits = '30';
    const forged = join(data.dir, 'forged.ndjson');
    writeFileSync(forged, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const result = await ledger('audit', '--from-file', forged, '--rpc', rpc, '--contract', contract, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).firstDivergence).toMatchObject({ seq: target.seq, check: 'event-hash' });
    const text = await ledger('audit', '--from-file', forged, '--rpc', rpc, '--contract', contract);
    expect(text.out).toContain(`FIRST DIVERGENCE  seq ${target.seq}`);
  });

  it('a log with an event removed fails on contiguity', async () => {
    const lines = readFileSync(exported, 'utf8').trim().split('\n');
    const gapped = join(data.dir, 'gapped.ndjson');
    writeFileSync(gapped, [...lines.slice(0, 3), ...lines.slice(4)].join('\n') + '\n');
    const result = await ledger('audit', '--from-file', gapped, '--rpc', rpc, '--contract', contract, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).firstDivergence).toMatchObject({ seq: 4, check: 'contiguity' });
  });

  it('replay --at shows a credential active before its revocation time and revoked after', async () => {
    const before = new Date(Date.parse(revokedAt) - 1).toISOString();
    const earlier = JSON.parse((await ledger('replay', '--from-file', exported, '--at', before, '--json')).out);
    const later = JSON.parse((await ledger('replay', '--from-file', exported, '--at', revokedAt, '--json')).out);
    expect(earlier.credentials.find((c: any) => c.id === revokedId).status).toBe('active');
    expect(later.credentials.find((c: any) => c.id === revokedId).status).toBe('revoked');
    const seqReplay = await ledger('replay', '--data-dir', data.dir, '--at-seq', '3', '--learner', 'L-audit');
    expect(seqReplay.out).toContain('As of seq 3');
  });

  it('replays are deterministic: byte-identical twice, and equal to the live read models', async () => {
    const at = new Date().toISOString();
    const first = (await ledger('replay', '--from-file', exported, '--at', at, '--json')).out;
    const second = (await ledger('replay', '--data-dir', data.dir, '--at', at, '--json')).out;
    expect(second).toBe(first);
    const replayed = JSON.parse(first).balances.find((b: any) => b.learnerId === 'L-audit');
    const live = (await api.http.get('/v1/learners/L-audit/balance', api.auditorKey)).body;
    expect({ ...replayed, asOfSeq: 0 }).toEqual({ ...live, asOfSeq: 0 });
  });

  it('a row changed in the SQLite store itself is named by seq: leaves are kept from the time of append', async () => {
    const file = join(data.dir, 'ledger.sqlite');
    const reader = LedgerFile.openReadOnly(file);
    const [{ seq }] = reader.readOfTypes(1, reader.head(), ['CredentialIssued']);
    reader.close();
    const original = rewriteEventData(file, seq, (text) => text.replace('"credits":"4.5"', '"credits":"45"'));
    try {
      const result = await ledger('audit', '--data-dir', data.dir, '--rpc', rpc, '--contract', contract, '--json');
      expect(result.code).toBe(1);
      expect(JSON.parse(result.out).firstDivergence).toMatchObject({ seq, check: 'event-hash' });
    } finally {
      rewriteEventData(file, seq, () => original);
    }
  });
});
