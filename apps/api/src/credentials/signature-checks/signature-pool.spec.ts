import type { Worker } from 'node:worker_threads';
import { buildCredential, openBadgeProofOf, signCredential, type CredentialFields } from '@stackledger/client';
import { didKeyFromPublicKey, generateKeyPair, type Ed25519KeyPair, type JsonObject } from '@stackledger/data-integrity';
import { nodeCryptoBackend } from '@stackledger/data-integrity/node';
import { ApplicationError } from '../../errors/application-error';
import { checkSignatures, type SignatureJobItem } from './signature-check';
import { SignaturePool } from './signature-pool';

/**
 * The pool with real worker threads running signature-checks.worker.ts: answers equal to the
 * checks on this thread, in order, a batch shared by every thread, a thread ended mid-job, close.
 */
jest.setTimeout(60_000);

const backend = nodeCryptoBackend;
const issuer = { id: 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b', name: 'University of Threads', domain: 'threads.example' };
const keys: Ed25519KeyPair[] = [generateKeyPair(backend), generateKeyPair(backend), generateKeyPair(backend)];
const keyIds = keys.map((key) => didKeyFromPublicKey(key.publicKey));
const fields = (i: number): CredentialFields => ({
  learnerId: `L-${i}`,
  title: 'Parallel Programming',
  skills: ['threads'],
  credits: '2.5',
  hours: 60,
  level: 5,
  assessment: 'project',
});

function signed(i: number, key = keys[i % keys.length]): SignatureJobItem {
  const credential = signCredential(backend, buildCredential(fields(i), issuer), key) as unknown as JsonObject;
  return { credential, openBadgeProof: openBadgeProofOf(backend, credential, key) };
}

/** Item i signed by keys[i % 3]; every 7th changed after signing, every 11th with another key's Open Badges proof. */
function items(count: number): SignatureJobItem[] {
  return Array.from({ length: count }, (_, i) => {
    const item = signed(i);
    if (i % 7 === 3) return { ...item, credential: { ...item.credential, title: 'Changed after signing' } };
    if (i % 11 === 5) return { ...item, openBadgeProof: openBadgeProofOf(backend, item.credential, keys[(i + 1) % 3]) };
    return item;
  });
}

const exited = (worker: Worker) => new Promise<number>((resolve) => worker.once('exit', resolve));

describe('SignaturePool', () => {
  let pool: SignaturePool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('answers a batch and concurrent single jobs in order, each as the checks on this thread do, the batch shared by both threads', async () => {
    pool = new SignaturePool(2);
    const batch = items(60);
    const singles = items(20);
    await pool.check([batch[0]]); // starts both threads
    const sent = pool.workers().map((worker) => jest.spyOn(worker, 'postMessage'));
    const [batchChecks, ...singleChecks] = await Promise.all([pool.check(batch), ...singles.map((item) => pool!.check([item]))]);
    expect(batchChecks).toEqual(batch.map(checkSignatures));
    expect(singleChecks.flat()).toEqual(singles.map(checkSignatures));
    // Each thread took half of the batch in its first message.
    expect(sent.map((spy) => (spy.mock.calls[0][0] as unknown[]).length)).toEqual([30, 30]);
  });

  it('reports a bad proof on its own item: the credential changed after signing, an Open Badges proof by another key', async () => {
    pool = new SignaturePool(2);
    const checks = await pool.check(items(12));
    expect(checks[3]).toEqual({ ok: false, problem: expect.stringMatching(/^the credential's proof does not verify \(BAD_SIGNATURE\)/) });
    expect(checks[5]).toEqual({ ok: true, keyId: keyIds[2], openBadgeProblem: 'it is made by another key than the credential' });
    for (const i of [0, 1, 2, 4, 6, 7, 8, 9, 11]) expect(checks[i]).toEqual({ ok: true, keyId: keyIds[i % 3] });
    expect(checks[10]).toEqual({ ok: false, problem: expect.stringMatching(/does not verify/) });
  });

  it('a thread that dies fails its jobs in flight with SIGNATURE.UNAVAILABLE; queued and later jobs succeed on its replacement', async () => {
    const died = jest.fn();
    pool = new SignaturePool(1, { threadDied: died });
    await pool.check(items(1));
    const [first] = pool.workers();
    const big = items(300);
    const later = items(4);
    const inFlight = pool.check(big).then(
      () => 'answered',
      (error: unknown) => error,
    );
    const queued = pool.check(later);
    await first.terminate();
    const failure = await inFlight;
    expect(failure).toBeInstanceOf(ApplicationError);
    expect(failure).toMatchObject({ code: 'SIGNATURE.UNAVAILABLE', kind: 'unavailable' });
    expect(await queued).toEqual(later.map(checkSignatures));
    expect(died).toHaveBeenCalledTimes(1);
    const [replacement] = pool.workers();
    expect(replacement.threadId).not.toBe(first.threadId);
    expect(await pool.check([signed(1)])).toEqual([{ ok: true, keyId: keyIds[1] }]);
  });

  it('after three deaths in a row with no answer it stops restarting threads (503s, no hang); the next request starts them again', async () => {
    const died = jest.fn();
    pool = new SignaturePool(1, { threadDied: died });
    for (let death = 1; death <= 4; death++) {
      const pending = pool.check(items(200)).then(
        () => 'answered',
        (error: unknown) => error,
      );
      const [worker] = pool.workers();
      await worker.terminate();
      expect(await pending).toMatchObject({ code: 'SIGNATURE.UNAVAILABLE' });
      expect(pool.workers()).toHaveLength(death <= 3 ? 1 : 0);
    }
    expect(died).toHaveBeenCalledTimes(4);
    expect(await pool.check([signed(2)])).toEqual([{ ok: true, keyId: keyIds[2] }]);
    expect(pool.workers()).toHaveLength(1);
  });

  it('close() ends every thread and fails what is in flight; later checks are refused', async () => {
    pool = new SignaturePool(2);
    await pool.check(items(4));
    const workers = pool.workers();
    expect(workers).toHaveLength(2);
    const ends = workers.map(exited);
    const inFlight = expect(pool.check(items(200))).rejects.toMatchObject({ code: 'SIGNATURE.UNAVAILABLE' });
    await pool.close();
    await inFlight;
    expect(await Promise.all(ends)).toHaveLength(2);
    expect(pool.workers()).toEqual([]);
    await expect(pool.check(items(1))).rejects.toMatchObject({ code: 'SIGNATURE.UNAVAILABLE', message: 'the service is shutting down' });
  });
});
