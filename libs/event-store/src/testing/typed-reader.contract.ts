import { TypedReader } from '../event-store.capabilities';
import { offered } from './offered';
import type { StoreAccessor } from './event-store.contract';
import { newEvent, seqs } from './event-fixtures';

export function describeTypedReaderContract(store: StoreAccessor): void {
  describe('TypedReader', () => {
    it('reads only the events of the given types in a seq range, in seq order', async () => {
      const typed = (n: number, type: string) => newEvent(n, { type });
      await store().append('s', [newEvent(1), typed(2, 'CredentialRevoked'), newEvent(3)], 'no-stream');
      await store().append('t', [typed(4, 'X'), typed(5, 'CredentialRevoked')], 'no-stream');
      const reader = offered(store, TypedReader);
      const found = await reader.readOfTypes(1, 5, ['X', 'CredentialRevoked', 'X']);
      expect(seqs(found)).toEqual([2, 4, 5]);
      expect(found).toEqual((await store().readAll(1, 5)).filter((e) => e.type !== 'TestEventHappened'));
      expect(seqs(await reader.readOfTypes(3, 4, ['CredentialRevoked']))).toEqual([]);
      expect(seqs(await reader.readOfTypes(1, 5, []))).toEqual([]);
    });
  });
}
