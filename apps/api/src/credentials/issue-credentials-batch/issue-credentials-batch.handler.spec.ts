import { InMemoryEventStore } from '@stackledger/event-store';
import { AppConfig } from '../../config/app-config';
import { bodyOf } from '../../errors/http-exception.filter';
import { isApplicationError } from '../../errors/application-error';
import { Metrics } from '../../metrics/metrics';
import { ProjectorService } from '../../projections/projector.service';
import { randomIds, systemClock } from '../../shared/clock';
import { CommandService } from '../../shared/command-runner/command.service';
import { portOnly } from '../../shared/command-runner/testing/port-only';
import { LedgerReads } from '../../shared/ledger-reads';
import { validInput } from '@stackledger/domain/testing/credential.fixtures';
import { IssueCredentialsBatchCommand } from './issue-credentials-batch.command';
import { IssueCredentialsBatchHandler } from './issue-credentials-batch.handler';

describe('IssueCredentialsBatchHandler', () => {
  it('answers 501, storing nothing, on a store without MultiStreamAppend, even for one learner', async () => {
    const store = new InMemoryEventStore();
    const writes = new CommandService(portOnly(store), systemClock, randomIds, {} as AppConfig, new Metrics(), {} as ProjectorService);
    const handler = new IssueCredentialsBatchHandler(writes, {} as LedgerReads);
    const command = new IssueCredentialsBatchCommand([{ input: validInput() }], { kind: 'issuer', issuerId: 'i1', status: 'active' }, {});
    const error = await handler.execute(command).catch((e: unknown) => e);
    expect(isApplicationError(error, 'STREAM.MULTI_STREAM_UNSUPPORTED') && bodyOf(error)).toMatchObject({
      statusCode: 501,
      error: 'Not Implemented',
    });
    expect(await store.headSeq()).toBe(0);
  });
});
