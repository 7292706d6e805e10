import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { issuerDecider, issuerStream, learnerDecider, learnerStream, pathwayDecider, pathwayStream } from '@stackledger/domain';
import { CredentialDto, toCredentialDto } from '../../credentials/get-credential/credential.dto';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { AwardQualificationCommand } from './award-qualification.command';

/** Reads the pathway and the awarding issuer from their streams; the learner stream decides. */
@CommandHandler(AwardQualificationCommand)
export class AwardQualificationHandler implements ICommandHandler<AwardQualificationCommand, CredentialDto> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ pathwayId, input, principal, idempotencyKey }: AwardQualificationCommand): Promise<CredentialDto> {
    const at = this.writes.now();
    const [pathway, issuer] = await Promise.all([
      this.writes.state(pathwayStream(pathwayId), pathwayDecider),
      this.writes.state(issuerStream(principal.issuerId), issuerDecider),
    ]);
    const command = {
      type: 'AwardQualification' as const,
      data: {
        qualificationId: this.writes.ids.uuid(),
        salt: this.writes.ids.salt(),
        awardedAt: at,
        pathwayId,
        pathway: pathway.status === 'defined' ? pathway.definition : undefined,
        awardingIssuer: { issuerId: principal.issuerId, status: issuer.status },
        learnerId: input.learnerId,
        ...(input.credentialIds !== undefined && { credentialIds: input.credentialIds }),
      },
    };
    const outcome = await this.writes.execute(learnerStream(input.learnerId), learnerDecider, command, {
      principal,
      at,
      route: `award-qualification:${pathwayId}`,
      body: input,
      idempotencyKey,
    });
    const awarded = outcome.events.find((e) => e.type === 'QualificationAwarded')!;
    return toCredentialDto(await this.reads.issuedBy(awarded, outcome.replayed), new Date(at));
  }
}
