import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { issuerDecider, issuerStream, learnerDecider, learnerStream } from '@stackledger/domain';
import { CommandService } from '../../shared/command-runner/command.service';
import { TransferCreditsCommand } from './transfer-credits.command';
import { TransferDto } from './transfer-credits.dto';

@CommandHandler(TransferCreditsCommand)
export class TransferCreditsHandler implements ICommandHandler<TransferCreditsCommand, TransferDto> {
  constructor(private readonly writes: CommandService) {}

  async execute({ learnerId, input, principal, idempotencyKey }: TransferCreditsCommand): Promise<TransferDto> {
    const at = this.writes.now();
    const receiving = await this.writes.state(issuerStream(principal.issuerId), issuerDecider);
    const command = {
      type: 'TransferCredits' as const,
      data: {
        transferId: this.writes.ids.uuid(),
        learnerId,
        credentialIds: input.credentialIds,
        programme: input.programme,
        toIssuer: { issuerId: principal.issuerId, status: receiving.status },
        at,
      },
    };
    const outcome = await this.writes.execute(learnerStream(learnerId), learnerDecider, command, {
      principal,
      at,
      route: `transfer-credits:${learnerId}`,
      body: input,
      idempotencyKey,
    });
    return outcome.domainEvents.find((e) => e.type === 'CreditsTransferred')!.data;
  }
}
