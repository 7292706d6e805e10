import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, issuerDecider, issuerStream, learnerDecider, learnerStream } from '@stackledger/domain';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { CredentialDto, toCredentialDto } from '../get-credential/credential.dto';
import { RevokeCredentialCommand } from './revoke-credential.command';

@CommandHandler(RevokeCredentialCommand)
export class RevokeCredentialHandler implements ICommandHandler<RevokeCredentialCommand, CredentialDto> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ credentialId, reason, principal }: RevokeCredentialCommand): Promise<CredentialDto> {
    const at = this.writes.now();
    const { learnerId } = (await this.reads.credential(credentialId)).credential;
    // The issuer's status from its stream, not the read model: a revocation is irreversible on chain.
    const actor: Actor =
      principal.kind === 'issuer'
        ? {
            kind: 'issuer',
            issuerId: principal.issuerId,
            status: (await this.writes.state(issuerStream(principal.issuerId), issuerDecider)).status,
          }
        : { kind: 'admin' };
    const command = { type: 'RevokeCredential' as const, data: { credentialId, reason, actor, at } };
    await this.writes.execute(learnerStream(learnerId), learnerDecider, command, {
      principal,
      at,
      route: 'revoke-credential',
      body: { credentialId, reason },
    });
    return toCredentialDto(await this.reads.credential(credentialId), new Date(at));
  }
}
