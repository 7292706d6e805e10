import { PostgresCluster, startPostgresCluster } from '../../libs/event-store/testing/postgres-cluster/postgres-cluster';

/**
 * A throwaway PostgreSQL cluster for one test file (`initdb` into a temporary folder, a free port
 * on 127.0.0.1), started before its tests and removed after them; read it inside tests. Each
 * file makes its own databases (`createDatabase`). `fsync=off`: these tests kill the API, never
 * the server, so the server's own syncing changes nothing they check.
 */
export function usePostgresCluster(): () => PostgresCluster {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgresCluster({ fsync: false });
  }, 60_000);
  afterAll(() => cluster?.stop());
  return () => {
    if (!cluster) throw new Error('the PostgreSQL cluster is not started yet: call the getter inside a test or hook');
    return cluster;
  };
}
