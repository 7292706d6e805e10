import { MultiStreamRead } from '../event-store.capabilities';
import { offered } from './offered';
import type { StoreAccessor } from './event-store.contract';
import { newEvent, newEvents } from './event-fixtures';

export function describeMultiStreamReadContract(store: StoreAccessor): void {
  describe('MultiStreamRead', () => {
    it('gives each named stream, in the order named, as readStream does', async () => {
      await store().append('learner-2', [newEvent(0)], 'no-stream');
      await store().append('learner-1', newEvents(2, 1), 'no-stream');
      await store().append('learner-2', [newEvent(3)], 0);
      const streams = ['learner-2', 'learner-404', 'learner-1'];
      const read = await offered(store, MultiStreamRead).readStreams(streams);
      expect([...read.keys()]).toEqual(streams);
      for (const stream of streams) expect(read.get(stream)).toEqual(await store().readStream(stream));
      expect(read.get('learner-2')!.map((e) => [e.revision, e.seq])).toEqual([
        [0, 1],
        [1, 4],
      ]);
      expect(read.get('learner-404')).toEqual([]);
    });
  });
}
