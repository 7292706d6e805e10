import { MultiStreamAppend, MultiStreamRead } from './event-store.capabilities';
import { InMemoryEventStore } from './in-memory.adapter';
import { describeEventStoreContract } from './testing/event-store.contract';

describeEventStoreContract(
  'in-memory',
  async () => {
    const store = new InMemoryEventStore(20);
    return { store, cleanup: () => store.close() };
  },
  [MultiStreamAppend, MultiStreamRead],
);
