import { Logger } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@stackledger/event-store';
import { API_PROJECTIONS } from '@stackledger/projections';
import { InProcessProjector } from './in-process-projector';
import type { ProjectorThreadJob, ToProjector, FromProjector } from './projector-thread';
import { ReadModelStore } from './read-model.store';

/**
 * The projector on its own thread (projector-thread.ts): the same InProcessProjector, over a
 * read-only connection to the event store and the only writing connection to the read models.
 * It reports every commit, so the API's thread knows what its reads can see.
 */
function runProjector({ eventFile, readModelFile, options }: ProjectorThreadJob): void {
  // A failure is reported to the API's thread, which logs it with the app's logger: not twice.
  Logger.overrideLogger(['warn', 'log']);
  const post = (message: FromProjector) => parentPort!.postMessage(message);
  const report = (error: unknown) => post({ kind: 'failed', message: String(error) });
  const store = SqliteEventStore.openForReading(eventFile);
  const readModels = new ReadModelStore(readModelFile, API_PROJECTIONS, options);
  const projector = new InProcessProjector(store, readModels, { committed: (seq) => post({ kind: 'position', seq }), failed: report });
  // Every request is answered, failed or not: the API's thread waits for the answer.
  parentPort!.on('message', (message: ToProjector) => {
    if (message.kind === 'appended') return store.wake();
    if (message.kind === 'rebuild') {
      void projector.rebuild().catch(report).finally(() => post({ kind: 'rebuilding' }));
      return;
    }
    void (async () => {
      try {
        await projector.stop();
        readModels.close();
        await store.close();
      } catch (error) {
        report(error);
      } finally {
        post({ kind: 'stopped' });
      }
    })();
  });
  projector.start();
}

runProjector(workerData as ProjectorThreadJob);
