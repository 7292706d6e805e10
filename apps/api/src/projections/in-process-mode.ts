import type { EventStore } from '@stackledger/event-store';
import { CheckpointedProjector, ProjectorEvents } from '@stackledger/projections';
import type { ProjectorMode } from './projector-mode';
import type { ReadModelStore } from './read-model.store';

/**
 * The projector in the API's own thread, writing through the read models' connection: for stores
 * other threads cannot open (EventStoreDB, memory). The catch-up holds the event loop until it
 * reaches the head anyway, so the start resolves at once.
 */
export class InProcessMode implements ProjectorMode {
  private readonly projector: CheckpointedProjector;

  constructor(store: EventStore, readModels: ReadModelStore, events: ProjectorEvents) {
    const { rebuildMaxDocuments } = readModels.options;
    this.projector = new CheckpointedProjector(store, readModels.sink, readModels.projections, events, { rebuildMaxDocuments });
  }

  async start(): Promise<void> {
    this.projector.start();
  }

  stop(): Promise<void> {
    return this.projector.stop();
  }

  rebuild(): Promise<void> {
    return this.projector.rebuild();
  }
}
