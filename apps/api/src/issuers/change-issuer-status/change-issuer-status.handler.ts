import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssuerCommand, issuerDecider, issuerStream } from '@stackledger/domain';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { IssuerDto, toIssuerDto } from '../get-issuer/issuer.dto';
import { ChangeIssuerStatusCommand } from './change-issuer-status.command';

@CommandHandler(ChangeIssuerStatusCommand)
export class ChangeIssuerStatusHandler implements ICommandHandler<ChangeIssuerStatusCommand, IssuerDto> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ issuerId, change, principal }: ChangeIssuerStatusCommand): Promise<IssuerDto> {
    const at = this.writes.now();
    const command: IssuerCommand =
      change.type === 'SuspendIssuer'
        ? { type: 'SuspendIssuer', data: { issuerId, at, ...(change.reason !== undefined && { reason: change.reason }) } }
        : { type: 'ReinstateIssuer', data: { issuerId, at } };
    await this.writes.execute(issuerStream(issuerId), issuerDecider, command, { principal, at, route: change.type, body: change });
    return toIssuerDto(this.reads.issuer(issuerId));
  }
}
