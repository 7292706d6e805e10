import { capability, Capability } from '../event-store.capabilities';
import type { EventStore } from '../event-store.port';
import type { StoreAccessor } from './event-store.contract';

/** The current test's store as offering `wanted`; fails the test when it does not. */
export function offered<C>(store: StoreAccessor, wanted: Capability<C>): EventStore & C {
  const found = capability(store(), wanted);
  if (!found) throw new Error(`the store does not offer ${wanted.name}`);
  return found;
}
