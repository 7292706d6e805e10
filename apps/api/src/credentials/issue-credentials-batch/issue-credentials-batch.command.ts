import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { CredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialInput } from '../issue-credential/issue-credential.dto';

export class IssueCredentialsBatchCommand extends Command<{ credentials: CredentialDto[] }> {
  constructor(
    readonly items: IssueCredentialInput[],
    readonly principal: Principal & { kind: 'issuer' },
    readonly rawBody: unknown,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
