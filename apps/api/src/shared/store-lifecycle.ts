import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@stackledger/event-store';
import { ProjectorService } from '../projections/projector.service';
import { ReadModelStore } from '../projections/read-model.store';
import { READ_MODELS } from '../projections/read-models.token';

/** Closes the subscription before the stores it reads and writes. */
@Injectable()
export class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    private readonly projector: ProjectorService,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    this.readModels.close();
    await this.store.close();
  }
}
