import { describeEventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb.adapter';
import { EventStoreStandIn } from './standin/standin-server';

/** One stand-in per test: the contract wants an empty store each time. */
describeEventStoreContract('eventstoredb on the loopback gRPC stand-in', async () => {
  const standIn = await EventStoreStandIn.start();
  const store = EventStoreDbEventStore.fromConnectionString(standIn.connectionString);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await standIn.stop();
    },
  };
});

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  /**
   * A real server is shared and never emptied: each test gets a fresh `$all` view by... not
   * possible, so the suite needs a fresh database (e.g. a throwaway container) per run.
   */
  describeEventStoreContract(`eventstoredb on the real server at ${realServer}`, async () => {
    const store = EventStoreDbEventStore.fromConnectionString(realServer);
    return { store, cleanup: () => store.close() };
  });
} else {
  describe('eventstoredb on a real server', () => {
    it('is not targeted: EVENTSTORE_CONNECTION_STRING is unset', () => {
      expect(realServer).toBeUndefined();
    });
  });
}
