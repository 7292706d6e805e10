import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError, learnerDecider, LearnerCommand, learnerStream } from '@stackledger/domain';
import { grantedEvent, issued, LEARNER } from '@stackledger/domain/testing/learner.fixtures';
import { SqliteEventStore } from '@stackledger/event-store';
import { CommandRunner } from '../../apps/api/src/shared/command-runner/command-runner';
import { toNewEvent } from '../../apps/api/src/shared/command-runner/idempotency';
import { streamCommand } from '../../apps/api/src/shared/command-runner/stream-command';
import { claimLearner, grantAccess, issueCredential, registerIssuer } from '../e2e/support/ledger-fixtures';
import { tempDataDir, TestApp } from '../e2e/support/test-app';
import { seededRandom } from './support/random';
import { startReliabilityApp } from './support/reliability-app';

/**
 * The learner withdraws its transfer grant while the institution races transfers on the same
 * learner stream, through the one write path over a real SQLite ledger. Once the withdrawal is
 * acknowledged no transfer may be stored after it: each transfer was decided against the stream
 * at a revision, and the append of one decided before the withdrawal fails on the revision.
 */
const ROUNDS = Number(process.env.GRANT_RACE_ROUNDS || 25);
const TRANSFERS = 8;
const SEED = Number(process.env.RACE_SEED || Date.now() % 1_000_000);

jest.setTimeout(120_000);

describe(`grant withdrawal racing transfers (${ROUNDS} rounds x ${TRANSFERS}, seed ${SEED})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'grant-race-'));
  const store = SqliteEventStore.open(join(dir, 'ledger.sqlite'));
  const runner = new CommandRunner(store, { retries: 20, minTimeout: 1, factor: 1.5, maxTimeout: 20 });
  const random = seededRandom(SEED);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (stream: string, command: LearnerCommand) =>
    runner.run({ actor: 'test', recordedAt: new Date().toISOString() }, [streamCommand(stream, learnerDecider, command)]);
  const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));

  it('never stores a transfer after an acknowledged withdrawal; later transfers get ACCESS.NO_GRANT', async () => {
    const figures = { storedBefore: 0, refusedNoGrant: 0, other: [] as string[], after: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const stream = `${learnerStream(LEARNER)}-${round}`;
      const credentials = Array.from({ length: TRANSFERS + 2 }, (_, i) => `c-${round}-${i}`);
      const setup = [...credentials.map((id) => issued(id, 'iss-1')), grantedEvent('g-1', 'iss-2', ['transfer'])];
      await store.append(
        stream,
        setup.map((event, i) => toNewEvent(event, i, { actor: 'test', recordedAt: new Date().toISOString() })),
        'no-stream',
      );

      let withdrawalAcknowledged = false;
      const transfer = (id: string, n: number) =>
        run(stream, transferOf(id, `tr-${round}-${n}`)).then(
          () => ({ ok: true, afterAck: withdrawalAcknowledged }),
          (error: unknown) => {
            if (isDomainError(error, 'ACCESS.NO_GRANT')) figures.refusedNoGrant++;
            else figures.other.push(String(error));
            return { ok: false, afterAck: withdrawalAcknowledged };
          },
        );
      const racers = credentials.slice(0, TRANSFERS).map(async (id, n) => {
        await jitter();
        return transfer(id, n);
      });
      const withdrawal = (async () => {
        await jitter();
        await run(stream, { type: 'WithdrawAccess', data: { grantId: 'g-1', learnerId: LEARNER, at: new Date().toISOString() } });
        withdrawalAcknowledged = true;
      })();
      await Promise.all([withdrawal, ...racers]);
      const late = await Promise.all(credentials.slice(TRANSFERS).map((id, n) => transfer(id, TRANSFERS + n)));
      expect(late.every((r) => !r.ok)).toBe(true);

      const types = (await store.readStream(stream)).map((e) => e.type);
      const withdrawnAt = types.indexOf('AccessWithdrawn');
      expect(withdrawnAt).toBeGreaterThan(0);
      figures.storedBefore += types.slice(0, withdrawnAt).filter((t) => t === 'CreditsTransferred').length;
      figures.after += types.slice(withdrawnAt).filter((t) => t === 'CreditsTransferred').length;
    }
    process.stdout.write(
      `grant-race figures: ${JSON.stringify({ seed: SEED, rounds: ROUNDS, ...figures, other: figures.other.length })}\n`,
    );
    expect(figures.after).toBe(0);
    expect(figures.other).toEqual([]);
    // The race is real: some transfers won before the withdrawal, and some lost to it.
    expect(figures.storedBefore).toBeGreaterThan(0);
    expect(figures.refusedNoGrant).toBeGreaterThan(ROUNDS * 2);
  });
});

function transferOf(credentialId: string, transferId: string): LearnerCommand {
  return {
    type: 'TransferCredits',
    data: {
      transferId,
      learnerId: LEARNER,
      credentialIds: [credentialId],
      programme: 'MSc',
      toIssuer: { issuerId: 'iss-2', status: 'active' },
      at: new Date().toISOString(),
    },
  };
}

describe('grant withdrawal racing transfers over HTTP (real app, real SQLite file)', () => {
  const data = tempDataDir('grant-race-http');
  let api: TestApp;
  afterAll(async () => {
    await api?.close();
    data.remove();
  });

  it('once DELETE …/grants/{id} answers 200, no transfer is stored after it and every later transfer is 403 ACCESS.NO_GRANT', async () => {
    api = await startReliabilityApp(data.dir);
    const origin = await registerIssuer(api.http, api.adminKey, 'Race Origin');
    const receiver = await registerIssuer(api.http, api.adminKey, 'Race Receiver');
    const tally = { won: 0, refused: 0, other: [] as string[] };
    for (let round = 0; round < 6; round++) {
      const learnerId = `L-grant-race-${round}`;
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await issueCredential(api.http, origin.apiKey, learnerId)).id);
      const learner = await claimLearner(api.http, origin.apiKey, learnerId);
      const grant = await grantAccess(api.http, learner, receiver.id, ['transfer']);
      const transfer = (id: string) =>
        api.http.post(`/v1/learners/${learnerId}/transfers`, { credentialIds: [id], programme: 'MSc' }, receiver.apiKey);
      // The transfers leave first; the withdrawal follows after 0-15 ms, so either may reach the stream first.
      const racing = ids.slice(0, 6).map(transfer);
      await new Promise((resolve) => setTimeout(resolve, round * 3));
      const withdrawal = api.http.request('DELETE', `/v1/learners/${learnerId}/grants/${grant.grantId}`, { key: learner.apiKey });
      const answers = await Promise.all([withdrawal, ...racing]);
      expect(answers[0].status).toBe(200);
      for (const answer of answers.slice(1)) {
        if (answer.status === 201) tally.won++;
        else if (answer.body?.code === 'ACCESS.NO_GRANT') tally.refused++;
        else tally.other.push(`${answer.status} ${answer.text}`);
      }
      for (const late of await Promise.all(ids.slice(6).map(transfer)))
        expect([late.status, late.body.code]).toEqual([403, 'ACCESS.NO_GRANT']);
      const log = (await api.http.get(`/v1/events?fromSeq=1&limit=100000`, api.auditorKey)).text;
      const types = log
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { stream: string; type: string })
        .filter((e) => e.stream === `learner-${learnerId}`)
        .map((e) => e.type);
      expect(types.slice(types.indexOf('AccessWithdrawn')).filter((t) => t === 'CreditsTransferred')).toEqual([]);
    }
    process.stdout.write(`grant-race over HTTP: ${JSON.stringify({ ...tally, other: tally.other.length })}\n`);
    expect(tally.other).toEqual([]);
    expect(tally.won + tally.refused).toBe(36);
  });
});
