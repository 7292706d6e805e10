import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { RegisterIssuerDto, RegisteredIssuerDto } from './register-issuer.dto';

export class RegisterIssuerCommand extends Command<RegisteredIssuerDto> {
  constructor(
    readonly input: RegisterIssuerDto,
    readonly principal: Principal,
  ) {
    super();
  }
}
