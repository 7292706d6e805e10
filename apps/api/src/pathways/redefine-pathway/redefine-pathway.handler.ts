import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { writePathway } from '../define-pathway/pathway-issuers';
import { PathwayDto, toPathwayDto } from '../get-pathway/pathway.dto';
import { RedefinePathwayCommand } from './redefine-pathway.command';

@CommandHandler(RedefinePathwayCommand)
export class RedefinePathwayHandler implements ICommandHandler<RedefinePathwayCommand, PathwayDto> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ pathwayId, input, principal, rawBody, idempotencyKey }: RedefinePathwayCommand): Promise<PathwayDto> {
    const at = this.writes.now();
    await writePathway(this.writes, 'RedefinePathway', pathwayId, input, {
      principal,
      at,
      route: `redefine-pathway:${pathwayId}`,
      body: rawBody,
      idempotencyKey,
    });
    return toPathwayDto(this.reads.pathway(pathwayId));
  }
}
