import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { TransferCreditsDto, TransferDto } from './transfer-credits.dto';

export class TransferCreditsCommand extends Command<TransferDto> {
  constructor(
    readonly learnerId: string,
    readonly input: TransferCreditsDto,
    readonly principal: Principal & { kind: 'issuer' },
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
