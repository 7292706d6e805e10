import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { CredentialDto } from '../get-credential/credential.dto';

export class RevokeCredentialCommand extends Command<CredentialDto> {
  constructor(
    readonly credentialId: string,
    readonly reason: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
