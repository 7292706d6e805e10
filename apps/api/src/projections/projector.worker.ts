import { Logger } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import { openFileProjector } from './file-projector';
import type { FromProjector, ProjectorThreadJob, ToProjector } from './projector-thread';

/**
 * The projector on its own thread (projector-thread.ts): see `openFileProjector`. It reports every
 * commit, so the API's thread knows what its reads can see.
 */
function runProjector(job: ProjectorThreadJob): void {
  // A failure is reported to the API's thread, which logs it with the app's logger: not twice.
  Logger.overrideLogger(['warn', 'log']);
  const post = (message: FromProjector) => parentPort!.postMessage(message);
  const report = (error: unknown) => post({ kind: 'failed', message: String(error) });
  const events = { committed: (seq: number) => post({ kind: 'position', seq }), failed: report };
  // Failing to open throws: the thread's error reaches the API's thread as its failure.
  const opened = openFileProjector(job, events);
  const { projector } = opened;
  // Every request is answered, failed or not: the API's thread waits for the answer.
  parentPort!.on('message', (message: ToProjector) => {
    if (message.kind === 'appended') return opened.wake();
    if (message.kind === 'rebuild') {
      void projector
        .rebuild()
        .catch(report)
        .finally(() => post({ kind: 'rebuilding' }));
      return;
    }
    void opened
      .close()
      .catch(report)
      .finally(() => post({ kind: 'stopped' }));
  });
  projector.start();
  post({ kind: 'ready' });
}

runProjector(workerData as ProjectorThreadJob);
