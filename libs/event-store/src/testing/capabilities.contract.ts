import { AnyCapability, capabilitiesOf } from '../event-store.capabilities';
import type { StoreAccessor } from './event-store.contract';
import { describeLeafReaderContract } from './leaf-reader.contract';
import { describeMultiStreamAppendContract } from './multi-stream-append.contract';
import { describeMultiStreamReadContract } from './multi-stream-read.contract';
import { describeSqliteLedgerFileContract } from './sqlite-ledger-file.contract';
import { describeTypedReaderContract } from './typed-reader.contract';

/** A capability as an adapter's suite declares it. */
export type DeclaredCapability = AnyCapability;

const SUITES: Record<string, (store: StoreAccessor) => void> = {
  MultiStreamAppend: describeMultiStreamAppendContract,
  MultiStreamRead: describeMultiStreamReadContract,
  LeafReader: describeLeafReaderContract,
  TypedReader: describeTypedReaderContract,
  SqliteLedgerFile: describeSqliteLedgerFileContract,
};

/**
 * Checks that the store offers exactly the capabilities its suite declares (none silently lost,
 * none offered untested), then runs each declared capability's suite.
 */
export function describeCapabilitiesContract(store: StoreAccessor, declared: readonly DeclaredCapability[]): void {
  describe('capabilities', () => {
    it(`offers exactly ${declared.map((c) => c.name).join(', ') || 'none'}`, () => {
      expect(capabilitiesOf(store()).sort()).toEqual(declared.map((c) => c.name).sort());
    });
    for (const { name } of declared) SUITES[name](store);
  });
}
