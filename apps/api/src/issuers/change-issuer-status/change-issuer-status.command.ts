import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { IssuerDto } from '../get-issuer/issuer.dto';

export class ChangeIssuerStatusCommand extends Command<IssuerDto> {
  constructor(
    readonly issuerId: string,
    readonly change: { type: 'SuspendIssuer'; reason?: string } | { type: 'ReinstateIssuer' },
    readonly principal: Principal,
  ) {
    super();
  }
}
