import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { CredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialInput } from './issue-credential.dto';

export class IssueCredentialCommand extends Command<CredentialDto> {
  constructor(
    readonly input: IssueCredentialInput,
    readonly principal: Principal & { kind: 'issuer' },
    readonly rawBody: unknown,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
