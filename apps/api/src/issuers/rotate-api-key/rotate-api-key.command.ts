import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { RotatedApiKeyDto } from './rotate-api-key.dto';

export class RotateApiKeyCommand extends Command<RotatedApiKeyDto> {
  constructor(
    readonly issuerId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
