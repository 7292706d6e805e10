import { LeafReader, MultiStreamAppend, MultiStreamRead, TypedReader } from '../event-store.capabilities';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { PostgresCluster, startPostgresCluster } from '../../testing/postgres-cluster/postgres-cluster';
import { PostgresEventStore } from './postgres.adapter';

let cluster: PostgresCluster;
let url: string;
let schemas = 0;
beforeAll(async () => {
  cluster = await startPostgresCluster({ fsync: false });
  url = await cluster.createDatabase('contract');
}, 60_000);
afterAll(() => cluster?.stop());

/** One real server for the file; each test gets an empty ledger in a schema of its own. */
describeEventStoreContract(
  'postgresql (a real server)',
  async () => {
    const store = await PostgresEventStore.connect(url, { schema: `contract_${++schemas}`, pageSize: 50, pollIntervalMs: 50 });
    return { store, cleanup: () => store.close() };
  },
  [MultiStreamAppend, MultiStreamRead, LeafReader, TypedReader],
);
