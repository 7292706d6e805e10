import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { run } from '../../apps/cli/src/main';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { independentVerify } from '../cli/independent-verifier';
import { usePostgresCluster } from '../support/postgres';
import { deployTestAnchor } from '../support/test-chain';
import { claimLearner, credentialBody, grantAccess, issueCredential, registerIssuer, RegisteredIssuer } from './support/ledger-fixtures';
import { startTestApp, tempDataDir, TestApp } from './support/test-app';

jest.setTimeout(90_000);

/** One server for the file; each describe its own database. */
const postgres = usePostgresCluster();

/** The real app with DATABASE_URL set: every write path, anchoring and proofs on a real PostgreSQL server. */
describe('the API on PostgreSQL (DATABASE_URL, a real server)', () => {
  const data = tempDataDir('pg-e2e');
  let api: TestApp;
  let chainEnv: Record<string, string>;
  let origin: RegisteredIssuer;
  let receiver: RegisteredIssuer;

  beforeAll(async () => {
    const deployed = await deployTestAnchor();
    chainEnv = { CHAIN_RPC_URL: deployed.rpcUrl, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    const url = await postgres().createDatabase('ledger');
    api = await startTestApp(
      data.dir,
      { DATABASE_URL: url, BODY_LIMIT: '2mb', ANCHOR_INTERVAL_MS: '0' },
      await openAnchorChain(data.dir, chainEnv),
    );
    origin = await registerIssuer(api.http, api.adminKey, 'Postgres University');
    receiver = await registerIssuer(api.http, api.adminKey, 'Receiving College');
  });
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('/health names the store, up, and where it is (no credentials); no ledger file in DATA_DIR', async () => {
    const health = await api.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.store).toEqual({
      kind: 'postgres',
      at: `PostgreSQL at 127.0.0.1:${postgres().port}/ledger`,
      status: 'up',
      headSeq: expect.any(Number),
    });
    expect(health.body.store.headSeq).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(data.dir, 'ledger.sqlite'))).toBe(false);
  });

  it('issues, bulk issues (201), transfers and revokes; balances and statuses follow', async () => {
    const one = await issueCredential(api.http, origin.apiKey, 'L-pg-1');
    const bulk = await api.http.post(
      '/v1/credentials:batch',
      { items: Array.from({ length: 300 }, (_, i) => credentialBody(`L-pg-bulk-${i % 150}`, { title: `Module ${i}` })) },
      origin.apiKey,
    );
    expect(bulk.status).toBe(201);
    expect(bulk.body.credentials).toHaveLength(300);
    for (const credential of bulk.body.credentials.slice(0, 3))
      expect((await api.http.get(`/v1/credentials/${credential.id}`, origin.apiKey)).body).toEqual(credential);

    const second = await issueCredential(api.http, origin.apiKey, 'L-pg-1', { title: 'Statistics', credits: 3, hours: 90 });
    await grantAccess(api.http, await claimLearner(api.http, origin.apiKey, 'L-pg-1'), receiver.id, ['transfer']);
    const transfer = await api.http.post(
      '/v1/learners/L-pg-1/transfers',
      { credentialIds: [one.id], programme: 'BSc Data Science' },
      receiver.apiKey,
    );
    expect(transfer.status).toBe(201);
    const revoke = await api.http.post(`/v1/credentials/${second.id}/revoke`, { reason: 'issued in error' }, origin.apiKey);
    expect(revoke.status).toBe(200);
    const balance = (await api.http.get('/v1/learners/L-pg-1/balance', api.auditorKey)).body;
    expect(balance).toMatchObject({ issued: '7.5', available: '0', revoked: '3', transferred: { total: '4.5' } });
    // Ten racing transfers of one credential: exactly one wins, as on SQLite.
    const contested = await issueCredential(api.http, origin.apiKey, 'L-pg-2');
    await grantAccess(api.http, await claimLearner(api.http, origin.apiKey, 'L-pg-2'), receiver.id, ['transfer']);
    const race = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.http.post('/v1/learners/L-pg-2/transfers', { credentialIds: [contested.id], programme: 'BA' }, receiver.apiKey),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
  });

  it('while the server restarts, a write answers 503 STORE.UNAVAILABLE (not 500); afterwards writes go through again', async () => {
    let during: { status: number; body: Record<string, unknown> } | undefined;
    await postgres().restart(async () => {
      during = await api.http.post('/v1/credentials', credentialBody('L-pg-outage'), origin.apiKey);
    });
    expect(during!.status).toBe(503);
    expect(during!.body).toMatchObject({ statusCode: 503, code: 'STORE.UNAVAILABLE' });
    expect(String(during!.body.message)).toContain('PostgreSQL');
    const after = await issueCredential(api.http, origin.apiKey, 'L-pg-outage');
    expect(after.learnerId).toBe('L-pg-outage');
  });

  it('anchors, serves a proof an independent verifier accepts, and shows a revocation on chain', async () => {
    const credential = await issueCredential(api.http, origin.apiKey, 'L-pg-anchor');
    const anchored = await api.http.post('/v1/anchors', {}, api.adminKey);
    expect(anchored.status).toBe(201);
    expect(anchored.body).toMatchObject({ index: 0, fromSeq: 1 });
    const bundle = (await api.http.get(`/v1/credentials/${credential.id}/proof`)).body;
    expect(bundle.merkle.batch).toMatchObject({ index: 0, fromSeq: 1, toSeq: anchored.body.toSeq });
    expect(bundle.event.seq).toBeLessThanOrEqual(anchored.body.toSeq);
    expect(await independentVerify(bundle, chainEnv.CHAIN_RPC_URL, chainEnv.ANCHOR_CONTRACT)).toBe('valid');

    expect((await api.http.post(`/v1/credentials/${credential.id}/revoke`, { reason: 'plagiarism' }, origin.apiKey)).status).toBe(200);
    expect((await api.http.post('/v1/anchors', {}, api.adminKey)).status).toBe(201);
    expect(await independentVerify(bundle, chainEnv.CHAIN_RPC_URL, chainEnv.ANCHOR_CONTRACT)).toBe('revoked');
  });
});

describe('a PostgreSQL database the API cannot open', () => {
  // A start that fails here must reject with one message a newcomer can act on (the start line
  // prints it), not end the process from inside the framework with a driver error's dump.
  it("stops the start with the store and the server's reason: a missing database, nothing listening", async () => {
    const data = tempDataDir('pg-unopened');
    try {
      const missing = postgres().url('no_such_ledger');
      await expect(startTestApp(data.dir, { DATABASE_URL: missing })).rejects.toThrow(
        `cannot open the event store, PostgreSQL at 127.0.0.1:${postgres().port}/no_such_ledger: database "no_such_ledger" does not exist`,
      );
      const port = await closedPort();
      await expect(startTestApp(data.dir, { DATABASE_URL: `postgres://ledger:secret@127.0.0.1:${port}/ledger` })).rejects.toThrow(
        new RegExp(
          `^cannot open the event store, PostgreSQL at 127\\.0\\.0\\.1:${port}/ledger: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`,
        ),
      );
    } finally {
      data.remove();
    }
  });
});

describe('two API instances on one PostgreSQL database', () => {
  const dirs = [tempDataDir('pg-two-a'), tempDataDir('pg-two-b')];
  const apps: TestApp[] = [];
  let url: string;
  let rpc: string;
  let contract: string;
  afterAll(async () => {
    for (const app of apps) await app.close();
    dirs.forEach((dir) => dir.remove());
  });

  async function ledger(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await run(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  }

  it('write at once; the log they leave has contiguous seqs, exports, and passes ledger audit from the database and from the file', async () => {
    url = await postgres().createDatabase('shared');
    const deployed = await deployTestAnchor();
    [rpc, contract] = [deployed.rpcUrl, deployed.record.address];
    const env = { CHAIN_RPC_URL: rpc, ANCHOR_CONTRACT: contract, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
    for (const dir of dirs)
      apps.push(
        await startTestApp(dir.dir, { DATABASE_URL: url, BODY_LIMIT: '2mb', ANCHOR_INTERVAL_MS: '0' }, await openAnchorChain(dir.dir, env)),
      );
    const [a, b] = apps;
    const issuer = await registerIssuer(a.http, a.adminKey, 'Two Instance University');
    // B learns of the issuer (and its key) from the shared log, a moment after A stored it.
    for (let tries = 0; (await b.http.get(`/v1/issuers/${issuer.id}`, issuer.apiKey)).status !== 200; tries++) {
      if (tries === 100) throw new Error('instance B never saw the issuer registered through A');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const load = (app: TestApp, tag: string) => [
      ...Array.from({ length: 30 }, (_, i) => issueCredential(app.http, issuer.apiKey, `L-two-${i % 5}`, { title: `${tag} ${i}` })),
      ...[0, 1].map((k) =>
        app.http
          .post(
            '/v1/credentials:batch',
            { items: Array.from({ length: 100 }, (_, i) => credentialBody(`L-two-bulk-${k}-${i}`, { title: `${tag} bulk` })) },
            issuer.apiKey,
          )
          .then((r) => expect(r.status).toBe(201)),
      ),
    ];
    await Promise.all([...load(a, 'A'), ...load(b, 'B')]);
    expect((await b.http.post('/v1/anchors', {}, b.adminKey)).status).toBe(201);
    const head = (await a.http.get('/health')).body.store.headSeq;

    const exported = join(dirs[0].dir, 'export.ndjson');
    const exportRun = await ledger('export', '--database-url', url, '--out', exported);
    expect(exportRun).toMatchObject({
      code: 0,
      err: `exported ${head} events from PostgreSQL at 127.0.0.1:${postgres().port}/shared to ${exported}\n`,
    });
    const lines = readFileSync(exported, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(lines.filter((e) => e.type === 'CredentialIssued')).toHaveLength(2 * (30 + 200));
    expect(readFileSync(exported, 'utf8')).toBe((await a.http.get(`/v1/events?fromSeq=1&limit=${head}`, a.auditorKey)).text);

    const fromDatabase = await ledger('audit', '--database-url', url, '--rpc', rpc, '--contract', contract, '--json');
    expect(fromDatabase.code).toBe(0);
    const report = JSON.parse(fromDatabase.out);
    expect(report).toMatchObject({ ok: true, events: head, lastSeq: head, batchesChecked: 1, divergences: [] });
    const fromFile = await ledger('audit', '--from-file', exported, '--rpc', rpc, '--contract', contract, '--json');
    expect(JSON.parse(fromFile.out)).toEqual(report);
  });

  it('ledger replay --database-url gives the balances both instances serve', async () => {
    for (const app of apps) {
      for (let i = 0; (await app.http.get('/health')).body.projections.lag !== 0; i++) {
        if (i > 100) throw new Error('read models did not catch up within 5 s');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const replayed = await ledger('replay', '--database-url', url, '--at-seq', '1000000', '--learner', 'L-two-3', '--json');
    expect(replayed.code).toBe(0);
    const { asOfSeq: _seq, ...balance } = JSON.parse(replayed.out).balances[0];
    for (const app of apps) {
      const { asOfSeq: _live, ...live } = (await app.http.get('/v1/learners/L-two-3/balance', app.auditorKey)).body;
      expect(live).toEqual(balance);
    }
    expect(balance.issued).toBe('54'); // 12 credentials of 4.5 credits, six from each instance
  });

  it("a --database-url that cannot be read: exit 66 and one line naming the database and the server's reason", async () => {
    const port = postgres().port;
    const chain = ['--rpc', 'http://127.0.0.1:9', '--contract', `0x${'11'.repeat(20)}`]; // never reached: the log fails first
    const missing = await ledger('audit', '--database-url', postgres().url('no_such_ledger'), ...chain);
    expect(missing).toMatchObject({
      code: 66,
      err: `ledger audit: cannot read PostgreSQL at 127.0.0.1:${port}/no_such_ledger: database "no_such_ledger" does not exist\n`,
    });
    const closed = await closedPort();
    const down = await ledger(
      'export',
      '--database-url',
      `postgres://auditor@127.0.0.1:${closed}/ledger`,
      '--out',
      join(dirs[0].dir, 'x.ndjson'),
    );
    expect(down).toMatchObject({
      code: 66,
      err: `ledger export: cannot read PostgreSQL at 127.0.0.1:${closed}/ledger: connect ECONNREFUSED 127.0.0.1:${closed}\n`,
    });
  });

  it('reading a database that holds no ledger says so, and creates nothing', async () => {
    const empty = await postgres().createDatabase('empty');
    const attempt = await ledger('export', '--database-url', empty, '--out', join(dirs[0].dir, 'none.ndjson'));
    expect(attempt.code).not.toBe(0);
    expect(attempt.err).toMatch(/no StackLedger event store in schema stackledger/);
    const again = await ledger('export', '--database-url', empty, '--out', join(dirs[0].dir, 'none.ndjson'));
    expect(again.err).toMatch(/no StackLedger event store/); // the first attempt created no schema
  });
});

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
