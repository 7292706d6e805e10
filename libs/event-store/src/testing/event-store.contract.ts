import { EventStore } from '../event-store.port';
import { describeAppendContract } from './append.contract';
import { describeCanonicalContract } from './canonical.contract';
import { DeclaredCapability, describeCapabilitiesContract } from './capabilities.contract';
import { describeIdempotencyContract } from './idempotency.contract';
import { describeReadContract } from './read.contract';
import { describeSubscriptionContract } from './subscription.contract';

export interface EventStoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

export type EventStoreFactory = () => Promise<EventStoreFixture>;

/** Returns the current test's store; a fresh, empty one is made before each test. */
export type StoreAccessor = () => EventStore;

/**
 * The contract every EventStore adapter passes, and the contract of each capability
 * it declares in `capabilities` (it must offer exactly those). `factory` must return an empty store;
 * `cleanup` runs after each test and must release everything the store holds.
 */
export function describeEventStoreContract(name: string, factory: EventStoreFactory, capabilities: readonly DeclaredCapability[]): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture | undefined;
    const store: StoreAccessor = () => {
      if (!fixture) throw new Error('store used outside a test');
      return fixture.store;
    };
    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    describeAppendContract(store);
    describeCanonicalContract(store);
    describeIdempotencyContract(store);
    describeReadContract(store);
    describeSubscriptionContract(store);
    describeCapabilitiesContract(store, capabilities);
  });
}
