import { eventLeaf, initMerkle, toHex } from '@stackledger/merkle';
import { LeafReader } from '../event-store.capabilities';
import { offered } from './offered';
import type { StoreAccessor } from './event-store.contract';
import { newEvent, newEvents } from './event-fixtures';

const hexLeaves = (bytes: Uint8Array): string[] =>
  Array.from({ length: bytes.length / 32 }, (_, i) => toHex(bytes.subarray(i * 32, i * 32 + 32)));

export function describeLeafReaderContract(store: StoreAccessor): void {
  describe('LeafReader', () => {
    // Only to compute the expected leaves: the adapter initialises what it needs itself.
    beforeAll(() => initMerkle());

    it('gives the leaf of each event of a range, in seq order, equal to the leaf of the event as read', async () => {
      await store().append('learner-1', [newEvent(1, { data: { z: 1, a: { y: 'é', b: [1.5, null] } } })], 'no-stream');
      await store().append('learner-2', newEvents(3, 2), 'no-stream');
      await store().append('learner-1', newEvents(2, 5), 0);
      const expected = (await store().readAll(1, 10)).map(eventLeaf);
      const leaves = offered(store, LeafReader);
      expect(hexLeaves(await leaves.readLeaves(1, 6))).toEqual(expected);
      expect(hexLeaves(await leaves.readLeaves(2, 4))).toEqual(expected.slice(1, 4));
      expect(hexLeaves(await leaves.readLeaves(6, 6))).toEqual(expected.slice(5));
    });
  });
}
