import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { CredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialInput } from './issue-credential.dto';
import { SignedRequest } from './signed-credential';

export class IssueCredentialCommand extends Command<CredentialDto> {
  constructor(
    readonly input: IssueCredentialInput,
    readonly principal: Principal & { kind: 'issuer' },
    readonly rawBody: unknown,
    readonly idempotencyKey?: string,
    /** The signed form `{credential}`, its proof verified; `input` holds its fields. */
    readonly signed?: SignedRequest,
  ) {
    super();
  }
}
