import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { learnerDecider, learnerStream, pathwayDecider, pathwayStream } from '@stackledger/domain';
import { CredentialDto, toCredentialDto } from '../../credentials/get-credential/credential.dto';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { issuerGuard } from '../../shared/issuer-guard';
import { AwardQualificationCommand } from './award-qualification.command';

/**
 * Reads the pathway (immutable once defined) from its stream and decides on the learner's stream,
 * by the awarding issuer's status as it is at the append.
 */
@CommandHandler(AwardQualificationCommand)
export class AwardQualificationHandler implements ICommandHandler<AwardQualificationCommand, CredentialDto> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ pathwayId, input, principal, idempotencyKey }: AwardQualificationCommand): Promise<CredentialDto> {
    const at = this.writes.now();
    const pathway = await this.writes.state(pathwayStream(pathwayId), pathwayDecider);
    const qualificationId = this.writes.ids.uuid();
    const salt = this.writes.ids.salt();
    const outcome = await this.writes.executeGuardedOne(
      issuerGuard(principal.issuerId),
      { stream: learnerStream(input.learnerId), decider: learnerDecider },
      (issuer) => ({
        type: 'AwardQualification' as const,
        data: {
          qualificationId,
          salt,
          awardedAt: at,
          pathwayId,
          pathway: pathway.status === 'defined' ? pathway.definition : undefined,
          awardingIssuer: { issuerId: principal.issuerId, status: issuer.status },
          learnerId: input.learnerId,
          ...(input.credentialIds !== undefined && { credentialIds: input.credentialIds }),
        },
      }),
      { principal, at, route: `award-qualification:${pathwayId}`, body: input, idempotencyKey },
    );
    const awarded = outcome.events.find((e) => e.type === 'QualificationAwarded')!;
    return toCredentialDto(await this.reads.issuedBy(awarded, outcome.replayed), new Date(at));
  }
}
