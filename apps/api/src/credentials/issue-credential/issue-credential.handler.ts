import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { credentialViewProjection, withDocument } from '@stackledger/projections';
import type { StoredEvent } from '@stackledger/event-store';
import { issuerDecider, issuerStream, learnerDecider, learnerStream } from '@stackledger/domain';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { CredentialDto, toCredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialCommand } from './issue-credential.command';
import { issueCommand, issuerSnapshot } from './issue-command';

@CommandHandler(IssueCredentialCommand)
export class IssueCredentialHandler implements ICommandHandler<IssueCredentialCommand, CredentialDto> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ input, principal, rawBody, idempotencyKey, signed }: IssueCredentialCommand): Promise<CredentialDto> {
    const at = this.writes.now();
    const issuer = issuerSnapshot(principal.issuerId, await this.writes.state(issuerStream(principal.issuerId), issuerDecider));
    const command = issueCommand(issuer, at, this.writes.ids, input, signed, (keyId) => this.reads.signingKeyOwner(keyId));
    const outcome = await this.writes.execute(learnerStream(input.learnerId), learnerDecider, command, {
      principal,
      at,
      route: 'issue-credential',
      body: rawBody,
      idempotencyKey,
    });
    const issued = outcome.events.find((e) => e.type === 'CredentialIssued')!;
    // A replayed request answers with the credential as it is now (it may have been revoked since).
    if (outcome.replayed) return toCredentialDto(await this.reads.credential(issuedCredentialId(issued)), new Date(at));
    // Fresh: the view is the one its own issuing event makes (ids are new at issuance), so the
    // answer needs neither a read-model lookup nor a read of the log.
    return toCredentialDto(withDocument(credentialViewProjection.evolve(null, issued)!, issued), new Date(at));
  }
}

function issuedCredentialId(event: StoredEvent): string {
  return (event.data as { credential: { id: string } }).credential.id;
}
