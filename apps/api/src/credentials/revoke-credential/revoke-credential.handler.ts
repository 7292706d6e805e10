import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, learnerDecider, learnerStream, RevokeCredential } from '@stackledger/domain';
import { issuerGuard } from '../../shared/issuer-guard';
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
    const commandBy = (actor: Actor): RevokeCredential => ({ type: 'RevokeCredential', data: { credentialId, reason, actor, at } });
    const target = { stream: learnerStream(learnerId), decider: learnerDecider };
    const request = { principal, at, route: 'revoke-credential', body: { credentialId, reason } };
    // The issuer's status from its stream as it is at the append, not the read model: a revocation
    // is irreversible on chain, and a suspension stored meanwhile must stop it.
    if (principal.kind === 'issuer') {
      const { issuerId } = principal;
      await this.writes.executeGuardedOne(
        issuerGuard(issuerId),
        target,
        (issuer) => commandBy({ kind: 'issuer', issuerId, status: issuer.status }),
        request,
      );
    } else {
      await this.writes.execute(target.stream, target.decider, commandBy({ kind: 'admin' }), request);
    }
    return toCredentialDto(await this.reads.credential(credentialId), new Date(at));
  }
}
