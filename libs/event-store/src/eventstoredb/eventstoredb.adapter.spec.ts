import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb.adapter';
import { EventStoreStandIn } from '../../testing/eventstoredb-standin/standin-server';

/** One stand-in per test: the contract wants an empty store each time. */
describeEventStoreContract(
  'eventstoredb on the loopback gRPC stand-in',
  async () => {
    const standIn = await EventStoreStandIn.start();
    const store = EventStoreDbEventStore.fromConnectionString(standIn.connectionString);
    return {
      store,
      cleanup: async () => {
        await store.close();
        await standIn.stop();
      },
    };
  },
  [],
);

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  /**
   * A real database is not emptied between tests, so each test gets its own stream prefix: its
   * ledger (and so its seq) starts empty while the server's `$all` keeps everything before it.
   */
  describeEventStoreContract(
    `eventstoredb on the real server at ${realServer}`,
    async () => {
      const store = EventStoreDbEventStore.fromConnectionString(realServer, { streamPrefix: `contract-${randomUUID()}-` });
      return { store, cleanup: () => store.close() };
    },
    [],
  );
} else {
  describe('eventstoredb on a real server', () => {
    it('is not targeted: EVENTSTORE_CONNECTION_STRING is unset', () => {
      expect(realServer).toBeUndefined();
    });
  });
}
