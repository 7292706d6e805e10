import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError, learnerDecider, LearnerCommand, learnerStream } from '@stackledger/domain';
import { grantedEvent, issued, LEARNER } from '@stackledger/domain/testing/learner.fixtures';
import { SqliteEventStore } from '@stackledger/event-store';
import { CommandRunner } from '../../apps/api/src/shared/command-runner/command-runner';
import { toNewEvent } from '../../apps/api/src/shared/command-runner/idempotency';
import { streamCommand } from '../../apps/api/src/shared/command-runner/stream-command';
import { seededRandom } from './support/random';

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
