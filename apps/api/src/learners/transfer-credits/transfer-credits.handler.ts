import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { learnerDecider, learnerStream } from '@stackledger/domain';
import { CommandService } from '../../shared/command-runner/command.service';
import { issuerGuard } from '../../shared/issuer-guard';
import { TransferCreditsCommand } from './transfer-credits.command';
import { TransferDto } from './transfer-credits.dto';

@CommandHandler(TransferCreditsCommand)
export class TransferCreditsHandler implements ICommandHandler<TransferCreditsCommand, TransferDto> {
  constructor(private readonly writes: CommandService) {}

  async execute({ learnerId, input, principal, idempotencyKey }: TransferCreditsCommand): Promise<TransferDto> {
    const at = this.writes.now();
    const transferId = this.writes.ids.uuid();
    // Decided by the receiving issuer's status as it is at the append.
    const outcome = await this.writes.executeGuardedOne(
      issuerGuard(principal.issuerId),
      { stream: learnerStream(learnerId), decider: learnerDecider },
      (receiving) => ({
        type: 'TransferCredits' as const,
        data: {
          transferId,
          learnerId,
          credentialIds: input.credentialIds,
          programme: input.programme,
          toIssuer: { issuerId: principal.issuerId, status: receiving.status },
          at,
        },
      }),
      { principal, at, route: `transfer-credits:${learnerId}`, body: input, idempotencyKey },
    );
    return outcome.domainEvents.find((e) => e.type === 'CreditsTransferred')!.data;
  }
}
