import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { issuerDecider, issuerStream, learnerDecider, learnerStream } from '@stackledger/domain';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { CredentialDto, toCredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialCommand } from './issue-credential.command';

@CommandHandler(IssueCredentialCommand)
export class IssueCredentialHandler implements ICommandHandler<IssueCredentialCommand, CredentialDto> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ input, principal, rawBody, idempotencyKey }: IssueCredentialCommand): Promise<CredentialDto> {
    const at = this.writes.now();
    const issuer = await this.writes.state(issuerStream(principal.issuerId), issuerDecider);
    const command = {
      type: 'IssueCredential' as const,
      data: {
        credentialId: this.writes.ids.uuid(),
        salt: this.writes.ids.salt(),
        issuedAt: at,
        issuer: { issuerId: principal.issuerId, status: issuer.status },
        input,
      },
    };
    const outcome = await this.writes.execute(learnerStream(input.learnerId), learnerDecider, command, {
      principal,
      at,
      route: 'issue-credential',
      body: rawBody,
      idempotencyKey,
    });
    const issued = outcome.domainEvents.find((e) => e.type === 'CredentialIssued')!;
    return toCredentialDto(await this.reads.credential(issued.data.credential.id), new Date(at));
  }
}
