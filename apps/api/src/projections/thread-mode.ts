import type { EventStore, SqliteLedgerFile } from '@stackledger/event-store';
import type { ProjectorEvents } from '@stackledger/projections';
import type { ProjectorMode } from './projector-mode';
import { ProjectorThread } from './projector-thread';
import type { ReadModelStore } from './read-model.store';

/**
 * The projector on a thread of its own, over a SQLite event store file (projector-thread.ts):
 * applying events took about a quarter of the API's event loop under issuance load while the
 * second core was mostly idle. This side tells the thread of each append and follows its commits;
 * the API's connection to the read models only reads, and is closed until the thread has caught
 * up with the head stored at the start, so a rebuild gets the file to itself.
 */
export class ThreadMode implements ProjectorMode {
  private thread?: ProjectorThread;
  private unwatchAppends?: () => void;

  constructor(
    private readonly store: EventStore & SqliteLedgerFile,
    private readonly readModels: ReadModelStore,
    private readonly events: ProjectorEvents,
  ) {}

  async start(): Promise<void> {
    const { readModels } = this;
    const head = await this.store.headSeq();
    // Serving starts once the thread runs AND has reached the head stored now: a write accepted
    // before the thread had even loaded waited for its start-up (seconds on a loaded machine).
    let resolveStarted!: () => void;
    const started = new Promise<void>((resolve) => (resolveStarted = resolve));
    let running = false;
    let reached = readModels.checkpoint() >= head;
    const settle = () => {
      if (running && reached) resolveStarted();
    };
    const collections = readModels.projections.map((p) => p.collection);
    this.thread = new ProjectorThread(
      { eventFile: this.store.ledgerFile, readModelFile: readModels.path, collections, options: readModels.options },
      {
        position: (seq) => {
          this.events.committed(seq);
          reached ||= seq >= head;
          settle();
        },
        ready: () => {
          running = true;
          settle();
        },
        // The API then starts, unhealthy.
        failed: (error) => {
          this.events.failed(error);
          resolveStarted();
        },
      },
    );
    this.unwatchAppends = this.store.watchAppends(() => this.thread?.appended());
    // Nothing is served before this resolves: the thread gets the file to itself meanwhile.
    readModels.suspend();
    await started;
    readModels.resume();
  }

  async stop(): Promise<void> {
    this.unwatchAppends?.();
    await this.thread?.stop();
    this.thread = undefined;
  }

  async rebuild(): Promise<void> {
    await this.thread?.rebuild();
  }
}
