import { existsSync } from 'node:fs';
import { SqliteLedgerFile } from '../event-store.capabilities';
import { SqliteEventStore } from '../sqlite/sqlite.adapter';
import { offered } from './offered';
import type { StoreAccessor } from './event-store.contract';
import { newEvents } from './event-fixtures';

export function describeSqliteLedgerFileContract(store: StoreAccessor): void {
  describe('SqliteLedgerFile', () => {
    it('names a file that another connection opens and reads as this store reads it', async () => {
      await store().append('learner-1', newEvents(3), 'no-stream');
      const { ledgerFile } = offered(store, SqliteLedgerFile);
      expect(existsSync(ledgerFile)).toBe(true);
      const reader = SqliteEventStore.openForReading(ledgerFile);
      try {
        expect(await reader.readAll(1, 10)).toEqual(await store().readAll(1, 10));
      } finally {
        await reader.close();
      }
    });

    it('tells watchers of appends that stored events, not of replays, until unwatched', async () => {
      const shared = offered(store, SqliteLedgerFile);
      let told = 0;
      const unwatch = shared.watchAppends(() => told++);
      const events = newEvents(2);
      await store().append('learner-1', events, 'no-stream');
      await store().append('learner-1', events, 'no-stream'); // the same ids again: a replay
      expect(told).toBe(1);
      unwatch();
      await store().append('learner-1', newEvents(1, 2), 1);
      expect(told).toBe(1);
    });
  });
}
