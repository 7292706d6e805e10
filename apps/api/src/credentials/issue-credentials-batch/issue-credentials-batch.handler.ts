import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCredential, learnerDecider, learnerStream } from '@stackledger/domain';
import { StoredEvent } from '@stackledger/event-store';
import { credentialViewProjection, withDocument } from '@stackledger/projections';
import { issuerGuard } from '../../shared/issuer-guard';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { streamCommand } from '../../shared/command-runner/stream-command';
import { CredentialDto, toCredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialsBatchCommand } from './issue-credentials-batch.command';
import { atItem } from './issue-credentials-batch.dto';
import { issueCommand, issuerSnapshot } from '../issue-credential/issue-command';

/**
 * Bulk issuance, all or nothing across learner streams: each item is decided against its
 * learner's state (items for one learner see each other's credentials, in request order), and one
 * atomic multi-stream append writes them all; a concurrent write to any of those learners makes
 * the whole batch start over. Stores without atomic multi-stream appends (EventStoreDB) answer
 * 501: issue one by one there.
 */
@CommandHandler(IssueCredentialsBatchCommand)
export class IssueCredentialsBatchHandler implements ICommandHandler<IssueCredentialsBatchCommand, { credentials: CredentialDto[] }> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ items, principal, rawBody, idempotencyKey }: IssueCredentialsBatchCommand): Promise<{ credentials: CredentialDto[] }> {
    const at = this.writes.now();
    const { issuerId } = principal;
    // Decided from the issuer's stream as it is at the append: a key revoked meanwhile signs nothing.
    const { events, replayed } = await this.writes.executeGuarded(
      issuerGuard(issuerId),
      (state) => {
        const issuer = issuerSnapshot(issuerId, state);
        return items.map(({ input, signed }) => {
          const command: IssueCredential = issueCommand(issuer, at, this.writes.ids, input, signed, (keyId) =>
            this.reads.signingKeyOwner(keyId),
          );
          return streamCommand(learnerStream(input.learnerId), learnerDecider, command);
        });
      },
      { principal, at, route: 'issue-credentials-batch', body: rawBody, idempotencyKey },
      { atCommand: atItem, atomicAcrossStreams: true },
    );
    const now = new Date(at);
    // A fresh credential's view is its issuing event folded once, exactly what the read model now
    // holds; a replayed request reports the credentials as they are today. Either way the document
    // is the issuing event's, which is at hand.
    const viewOf = (event: StoredEvent) =>
      withDocument(replayed ? this.reads.credentialRecord(credentialIdOf(event)) : credentialViewProjection.evolve(null, event)!, event);
    return { credentials: events.map((event) => toCredentialDto(viewOf(event), now)) };
  }
}

const credentialIdOf = (event: StoredEvent): string => (event.data as { credential: { id: string } }).credential.id;
