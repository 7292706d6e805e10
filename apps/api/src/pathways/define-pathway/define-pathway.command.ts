import { Command } from '@nestjs/cqrs';
import { PathwayInput } from '@stackledger/domain';
import { Principal } from '../../auth/principal';
import { PathwayDto } from '../get-pathway/pathway.dto';

export class DefinePathwayCommand extends Command<PathwayDto> {
  constructor(
    readonly input: PathwayInput,
    readonly principal: Principal & { kind: 'issuer' },
    readonly rawBody: unknown,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
