import type { EventStore } from '@stackledger/event-store';

/** The port's methods only, as EventStoreDB offers: no multi-stream append or read. */
export function portOnly(store: EventStore): EventStore {
  return {
    append: (stream, events, expected) => store.append(stream, events, expected),
    readStream: (stream) => store.readStream(stream),
    readAll: (fromSeq, limit) => store.readAll(fromSeq, limit),
    headSeq: () => store.headSeq(),
    subscribe: (options) => store.subscribe(options),
    close: () => store.close(),
  };
}
