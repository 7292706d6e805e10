import { Command } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { CredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialInput } from '../issue-credential/issue-credential.dto';
import { SignedRequest } from '../issue-credential/signed-credential';

/** One credential of a batch: the unsigned fields, or a signed document (its proof verified) and its fields. */
export interface BatchItem {
  input: IssueCredentialInput;
  signed?: SignedRequest;
}

export class IssueCredentialsBatchCommand extends Command<{ credentials: CredentialDto[] }> {
  constructor(
    readonly items: BatchItem[],
    readonly principal: Principal & { kind: 'issuer' },
    readonly rawBody: unknown,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
