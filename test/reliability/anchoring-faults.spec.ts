import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { openAnchorChain } from '../../apps/api/src/anchoring/anchor-chain.provider';
import { issueCredential, registerIssuer } from '../e2e/support/ledger-fixtures';
import { ServiceProcess, startServiceProcess } from '../e2e/support/service-process';
import { tempDataDir, TestApp } from '../e2e/support/test-app';
import { deployTestAnchor, TestAnchor } from '../support/test-chain';
import { AnchorContract, contiguous, waitFor } from './support/anchor-contract';
import { usePostgresCluster } from '../support/postgres';
import { readLog } from './support/ledger-check';
import { startReliabilityApp } from './support/reliability-app';
import { RpcProxy } from './support/rpc-proxy';

jest.setTimeout(120_000);

const anchored = (events: { type: string; data: Record<string, unknown> }[]) =>
  events.filter((e) => e.type === 'BatchAnchored').map((e) => e.data.index as number);

describe('anchoring faults on a real chain', () => {
  let deployed: TestAnchor;
  let contract: AnchorContract;
  beforeAll(async () => {
    deployed = await deployTestAnchor();
    contract = new AnchorContract(deployed);
  });
  afterAll(() => contract?.close());

  describe('chain unreachable, then a reverted anchor (role revoked), in one running API', () => {
    const data = tempDataDir('anchor-outage');
    let proxy: RpcProxy;
    let api: TestApp;
    afterAll(async () => {
      await api?.close();
      await proxy?.close();
      data.remove();
    });

    it('keeps serving 201s while the chain is down, /health degraded; catches up in ONE batch when it is back', async () => {
      proxy = await RpcProxy.start(deployed.rpcUrl);
      proxy.down();
      const env = { CHAIN_RPC_URL: proxy.url, ANCHOR_CONTRACT: deployed.record.address, ANCHORER_PRIVATE_KEY: deployed.anchorerKey };
      api = await startReliabilityApp(data.dir, { anchorChain: await openAnchorChain(data.dir, env), env: { ANCHOR_INTERVAL_MS: '1000' } });
      const issuer = await registerIssuer(api.http, api.adminKey, 'Outage University');
      for (let i = 0; i < 5; i++) await issueCredential(api.http, issuer.apiKey, 'L-outage', { title: `Offline module ${i}` });

      const degraded = await waitFor('degraded health', async () => {
        const health = (await api.http.get('/health')).body;
        return health.anchoring.consecutiveFailures >= 2 && health;
      });
      expect(degraded).toMatchObject({ status: 'degraded', chain: { status: 'down' }, store: { status: 'up' } });
      expect(degraded.anchoring.lastError).toMatch(/unavailable|not been reached|ECONNRESET|socket/i);
      const manual = await api.http.post('/v1/anchors', {}, api.adminKey);
      expect([manual.status, manual.body.code]).toEqual([503, 'CHAIN.UNAVAILABLE']);
      const head = (await api.http.get('/health')).body.store.headSeq;

      proxy.up();
      const batches = await waitFor('the catch-up batch', async () => {
        const onChain = await contract.batches();
        return onChain.length > 0 && onChain;
      });
      expect(batches).toEqual([expect.objectContaining({ index: 0, fromSeq: 1, toSeq: head })]);
      await waitFor('health ok', async () => (await api.http.get('/health')).body.status === 'ok');
      expect((await api.http.get('/v1/anchors')).body.count).toBe(1);
    });

    it('a reverted anchor (ANCHORER_ROLE revoked) shows in /health, records no batch; with the role back it recovers', async () => {
      const issuer = await registerIssuer(api.http, api.adminKey, 'Revert College');
      await contract.setAnchorerRole(false);
      await issueCredential(api.http, issuer.apiKey, 'L-revert');
      const health = await waitFor('the revert in /health', async () => {
        const body = (await api.http.get('/health')).body;
        return /AccessControlUnauthorizedAccount/.test(body.anchoring.lastError ?? '') && body;
      });
      expect(health.status).toBe('degraded');
      expect(health.anchoring.lastError).toMatch(/lacks ANCHORER_ROLE/);
      expect(await contract.batches()).toHaveLength(1);
      expect((await api.http.get('/v1/anchors')).body.count).toBe(1);
      expect(anchored(await readLog(data.dir))).toEqual([0]);

      await contract.setAnchorerRole(true);
      const batches = await waitFor('recovery', async () => {
        const onChain = await contract.batches();
        return onChain.length === 2 && onChain;
      });
      expect(contiguous(batches)).toBe(true);
      await waitFor('health ok again', async () => (await api.http.get('/health')).body.status === 'ok');
      await waitFor('both batches recorded', async () => (await api.http.get('/v1/anchors')).body.count === 2);
      expect(anchored(await readLog(data.dir))).toEqual([0, 1]);
    });
  });

  describe('killed after the anchor transaction is sent, before it is recorded', () => {
    const data = tempDataDir('anchor-crash');
    let proxy: RpcProxy;
    let service: ServiceProcess | undefined;
    afterAll(async () => {
      await service?.kill('SIGKILL');
      await proxy?.close();
      data.remove();
    });

    it('reconciles after the restart: no duplicate batch, no gap; no secret in the logs', async () => {
      const fresh = await deployTestAnchor();
      const freshContract = new AnchorContract(fresh);
      proxy = await RpcProxy.start(fresh.rpcUrl);
      const env = {
        DATA_DIR: data.dir,
        CHAIN_RPC_URL: proxy.url,
        ANCHOR_CONTRACT: fresh.record.address,
        ANCHORER_PRIVATE_KEY: fresh.anchorerKey,
        ANCHOR_INTERVAL_MS: '0',
        AUDITOR_API_KEY: 'crash-anchor-auditor-key-of-at-least-32-characters',
        RATE_LIMIT_PER_MINUTE: '0',
        ADMIN_API_KEY: '',
      };
      try {
        service = await startServiceProcess(env);
        const adminKey = readFileSync(join(data.dir, 'admin-api-key'), 'utf8').trim(); // generated: no ADMIN_API_KEY
        const issuer = await registerIssuer(service.http, adminKey, 'Crash Anchor University');
        for (let i = 0; i < 3; i++) await issueCredential(service.http, issuer.apiKey, 'L-anchor-crash', { title: `M${i}` });
        await service.http.get('/v1/learners/L-anchor-crash/balance', 'sl_iss_wrong'); // a refused key, for the log check

        const victim = service;
        proxy.onForwarded('eth_sendRawTransaction', () => void victim.child.kill('SIGKILL'));
        const cut = await victim.http.post('/v1/anchors', {}, adminKey).then(
          (r) => r.status,
          (e: Error) => e.name,
        );
        expect(cut).toBe('TypeError'); // the connection died with the process
        await victim.kill('SIGKILL');
        proxy.onForwarded('eth_sendRawTransaction', undefined);
        const sent = await freshContract.batches();
        expect(sent).toHaveLength(1); // the transaction made it to the chain...
        expect(anchored(await readLog(data.dir))).toEqual([]); // ...but not into the ledger

        service = await startServiceProcess(env);
        await issueCredential(service.http, issuer.apiKey, 'L-anchor-crash', { title: 'After the crash' });
        const next = await service.http.post('/v1/anchors', {}, adminKey);
        expect(next.status).toBe(201);
        expect(next.body).toMatchObject({ index: 1, fromSeq: sent[0].toSeq + 1 });

        const onChain = await freshContract.batches();
        expect(onChain).toHaveLength(2);
        expect(contiguous(onChain)).toBe(true);
        const listed = (await service.http.get('/v1/anchors')).body.batches as {
          index: number;
          root: string;
          fromSeq: number;
          toSeq: number;
        }[];
        expect(listed.map(({ index, root, fromSeq, toSeq }) => ({ index, root, fromSeq, toSeq }))).toEqual(onChain);
        expect(anchored(await readLog(data.dir))).toEqual([0, 1]);

        const logs = victim.output() + service.output();
        expect(logs.split(adminKey).length - 1).toBe(1); // printed once, at the first start, by design
        for (const secret of [issuer.apiKey, fresh.anchorerKey, fresh.anchorerKey.replace(/^0x/, '')])
          expect(logs.includes(secret)).toBe(false);
      } finally {
        freshContract.close();
      }
    });
  });

  const postgres = usePostgresCluster();
  twoInstancesAnchoring('SQLite (one file, linked into both data folders)', async ([a, b]) => ({
    env: {},
    afterFirst: () => symlinkSync(join(a, 'ledger.sqlite'), join(b, 'ledger.sqlite')),
    log: () => readLog(a),
  }));
  twoInstancesAnchoring('PostgreSQL (one database, a real server)', async () => {
    const url = await postgres().createDatabase('two_instances');
    return { env: { DATABASE_URL: url }, log: () => readLog('', url) };
  });

  /** `share`: how both instances use one ledger: their env, what to do once the first has started, how to read it. */
  function twoInstancesAnchoring(
    ledger: string,
    share: (dataDirs: string[]) => Promise<{ env: Record<string, string>; afterFirst?: () => void; log: () => ReturnType<typeof readLog> }>,
  ): void {
    describe(`two API instances on one ledger anchoring at once: ${ledger}`, () => {
      const first = tempDataDir('anchor-two-a');
      const second = tempDataDir('anchor-two-b');
      const apps: TestApp[] = [];
      afterAll(async () => {
        for (const app of apps) await app.close();
        first.remove();
        second.remove();
      });

      it('gives exactly one batch per range: the claim on the anchor stream keeps a single writer', async () => {
        const fresh = await deployTestAnchor();
        const freshContract = new AnchorContract(fresh);
        const env = { CHAIN_RPC_URL: fresh.rpcUrl, ANCHOR_CONTRACT: fresh.record.address, ANCHORER_PRIVATE_KEY: fresh.anchorerKey };
        // Same event log, separate read models and instance ids.
        const { env: storeEnv, afterFirst, log } = await share([first.dir, second.dir]);
        apps.push(
          await startReliabilityApp(first.dir, {
            anchorChain: await openAnchorChain(first.dir, env),
            env: { ANCHOR_INTERVAL_MS: '0', ...storeEnv },
          }),
        );
        afterFirst?.();
        apps.push(
          await startReliabilityApp(second.dir, {
            anchorChain: await openAnchorChain(second.dir, env),
            env: { ANCHOR_INTERVAL_MS: '0', ...storeEnv },
          }),
        );
        const [a, b] = apps;
        const issuer = await registerIssuer(a.http, a.adminKey, 'Two Instance University');
        const statuses: number[] = [];
        const reported = new Map<number, string>(); // index -> range, as each 201 reported it
        try {
          for (let round = 0; round < 6; round++) {
            await issueCredential(a.http, issuer.apiKey, 'L-two', { title: `Round ${round}` });
            const results = await Promise.all([a, b, a, b].map((app) => app.http.post('/v1/anchors', {}, app.adminKey)));
            statuses.push(...results.map((r) => r.status));
            for (const r of results.filter((x) => x.status === 201)) {
              const range = `${r.body.fromSeq}-${r.body.toSeq}`;
              expect(reported.get(r.body.index) ?? range).toBe(range); // a joined run reports the same batch, never another range
              reported.set(r.body.index, range);
            }
            expect(results.filter((r) => r.status >= 500)).toEqual([]);
          }
          const onChain = await freshContract.batches();
          expect(onChain.map((b) => `${b.fromSeq}-${b.toSeq}`)).toEqual(
            [...reported.keys()].sort((x, y) => x - y).map((i) => reported.get(i)),
          );
          expect(contiguous(onChain)).toBe(true);
          const events = await log();
          expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
          expect(anchored(events)).toEqual(onChain.map((b) => b.index));
          for (const app of apps)
            await waitFor('read models of both instances', async () => (await app.http.get('/v1/anchors')).body.count === onChain.length);
          process.stdout.write(
            `two-instance figures (${ledger}): ${JSON.stringify({ rounds: 6, requests: statuses.length, batches: onChain.length, statuses })}\n`,
          );
        } finally {
          freshContract.close();
        }
      });
    });
  }
});
