import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { learnerDecider, learnerStream } from '@stackledger/domain';
import { issuerGuard } from '../../shared/issuer-guard';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { streamCommand } from '../../shared/command-runner/stream-command';
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
    const { issuerId } = principal;
    // Decided from the issuer's stream as it is at the append: a key revoked meanwhile signs nothing.
    const outcome = await this.writes.executeGuarded(
      issuerGuard(issuerId),
      (state) => {
        const command = issueCommand(issuerSnapshot(issuerId, state), at, this.writes.ids, input, signed, (keyId) =>
          this.reads.signingKeyOwner(keyId),
        );
        return [streamCommand(learnerStream(input.learnerId), learnerDecider, command)];
      },
      { principal, at, route: 'issue-credential', body: rawBody, idempotencyKey },
    );
    const issued = outcome.events.find((e) => e.type === 'CredentialIssued')!;
    return toCredentialDto(await this.reads.issuedBy(issued, outcome.replayed), new Date(at));
  }
}
