import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeafReader, MultiStreamAppend, MultiStreamRead, SqliteLedgerFile, TypedReader } from '../event-store.capabilities';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite.adapter';

describeEventStoreContract(
  'sqlite (file)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackledger-es-'));
    const store = SqliteEventStore.open(join(dir, 'nested', 'events.db'), { pageSize: 50, pollIntervalMs: 50 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  [MultiStreamAppend, MultiStreamRead, LeafReader, TypedReader, SqliteLedgerFile],
);

describeEventStoreContract(
  'sqlite (:memory:)',
  async () => {
    // A private in-memory database: no file another connection could open.
    const store = SqliteEventStore.open(':memory:');
    return { store, cleanup: () => store.close() };
  },
  [MultiStreamAppend, MultiStreamRead, LeafReader, TypedReader],
);
