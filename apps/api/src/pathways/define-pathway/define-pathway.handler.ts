import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LedgerReads } from '../../shared/ledger-reads';
import { CommandService } from '../../shared/command-runner/command.service';
import { PathwayDto, toPathwayDto } from '../get-pathway/pathway.dto';
import { DefinePathwayCommand } from './define-pathway.command';
import { writePathway } from './pathway-issuers';

@CommandHandler(DefinePathwayCommand)
export class DefinePathwayHandler implements ICommandHandler<DefinePathwayCommand, PathwayDto> {
  constructor(
    private readonly writes: CommandService,
    private readonly reads: LedgerReads,
  ) {}

  async execute({ input, principal, rawBody, idempotencyKey }: DefinePathwayCommand): Promise<PathwayDto> {
    const at = this.writes.now();
    const pathwayId = this.writes.ids.uuid();
    const outcome = await writePathway(this.writes, 'DefinePathway', pathwayId, input, {
      principal,
      at,
      route: 'define-pathway',
      body: rawBody,
      idempotencyKey,
    });
    const [defined] = outcome.domainEvents;
    return toPathwayDto(this.reads.pathway(defined.data.pathwayId));
  }
}
