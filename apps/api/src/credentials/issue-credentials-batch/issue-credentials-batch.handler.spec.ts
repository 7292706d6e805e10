import { NotImplementedException } from '@nestjs/common';
import { EventStore, InMemoryEventStore } from '@stackledger/event-store';
import { LedgerReads } from '../../shared/ledger-reads';
import { WriteSupport } from '../../shared/write-support';
import { IssueCredentialsBatchCommand } from './issue-credentials-batch.command';
import { IssueCredentialsBatchHandler } from './issue-credentials-batch.handler';

/** The port's methods only, as EventStoreDB offers: no multi-stream append. */
function portOnly(store: EventStore): EventStore {
  return {
    append: (stream, events, expected) => store.append(stream, events, expected),
    readStream: (stream) => store.readStream(stream),
    readAll: (fromSeq, limit) => store.readAll(fromSeq, limit),
    headSeq: () => store.headSeq(),
    subscribe: (options) => store.subscribe(options),
    close: () => store.close(),
  };
}

describe('IssueCredentialsBatchHandler', () => {
  it('answers 501, storing nothing, on a store without MultiStreamAppend', async () => {
    const store = new InMemoryEventStore();
    const writes = { store: portOnly(store) } as WriteSupport;
    const handler = new IssueCredentialsBatchHandler(writes, {} as LedgerReads);
    const command = new IssueCredentialsBatchCommand([], { kind: 'issuer', issuerId: 'i1', status: 'active' }, {});
    await expect(handler.execute(command)).rejects.toBeInstanceOf(NotImplementedException);
    expect(await store.headSeq()).toBe(0);
  });
});
