import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { CredentialDto } from '../../credentials/get-credential/credential.dto';
import { AwardQualificationDto } from './award-qualification.dto';

export class AwardQualificationCommand extends Command<CredentialDto> {
  constructor(
    readonly pathwayId: string,
    readonly input: AwardQualificationDto,
    readonly principal: Principal & { kind: 'issuer' },
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
