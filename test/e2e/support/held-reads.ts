import { join } from 'node:path';
import { EventStore, SqliteEventStore } from '@stackledger/event-store';
import { createApp } from '../../../apps/api/src/app.factory';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { Http } from './http';
import { tempDataDir } from './test-app';

export interface HeldReadsApp {
  http: Http;
  adminKey: string;
  /** The real store under the app, for the log's head. */
  store: EventStore;
  /** Holds the next read of `stream`: `parked` resolves once it has read; it goes on after `release`. */
  holdNextRead(stream: string): { parked: Promise<void>; release(): void };
  close(): Promise<void>;
}

/**
 * The real app on a real SQLite file whose store can hold the next read of one stream after it
 * has read, the rest of the store as it is: a race test parks a write that has read a stream,
 * changes that stream meanwhile, then lets the write go on to its append.
 */
export async function startHeldReadsApp(label: string): Promise<HeldReadsApp> {
  const adminKey = 'test-admin-key-of-at-least-32-characters';
  const data = tempDataDir(label);
  const store = SqliteEventStore.open(join(data.dir, 'ledger.sqlite'));
  const hold = { stream: '', parked: () => undefined as void, release: Promise.resolve() };
  const holding: EventStore = new Proxy(store, {
    get(target, property) {
      if (property === 'readStream')
        return async (stream: string) => {
          const history = await target.readStream(stream);
          if (stream !== hold.stream) return history;
          hold.stream = '';
          hold.parked();
          await hold.release;
          return history;
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const config = loadConfig({ DATA_DIR: data.dir, PORT: '0', AUDITOR_API_KEY: 'test-auditor-key-of-at-least-32-characters' });
  const app = await createApp({ config, adminKey, anchorChain: null, eventStore: holding, logLevels: ['error'] });
  await app.listen(0, '127.0.0.1');
  return {
    http: new Http(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`),
    adminKey,
    store,
    holdNextRead(stream) {
      let release!: () => void;
      const parked = new Promise<void>((resolve) => (hold.parked = resolve));
      hold.release = new Promise<void>((resolve) => (release = resolve));
      hold.stream = stream;
      return { parked, release };
    },
    async close() {
      await app.close();
      await store.close();
      data.remove();
    },
  };
}
