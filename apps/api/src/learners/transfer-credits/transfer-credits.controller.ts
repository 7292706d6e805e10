import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { learnerIdParam } from '../learner-id.param';
import { TransferCreditsCommand } from './transfer-credits.command';
import { parseTransferCredits, TransferCreditsDto, TransferDto } from './transfer-credits.dto';

@ApiTags('learners')
@ApiBearerAuth()
@Controller('v1/learners/:learnerId/transfers')
export class TransferCreditsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('issuer')
  @ApiOperation({ summary: "Transfer whole credentials' credits to the calling (receiving) institution" })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ type: TransferCreditsDto })
  @ApiForbiddenResponse({
    description:
      'the learner has not granted this institution `transfer` access (ACCESS.NO_GRANT, ACCESS.GRANT_EXPIRED); nothing is stored',
  })
  @ApiCreatedResponse({ type: TransferDto })
  transfer(
    @Param('learnerId') learnerId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal & { kind: 'issuer' },
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<TransferDto> {
    const command = new TransferCreditsCommand(learnerIdParam(learnerId), parseTransferCredits(body), principal, idempotencyKey);
    return this.commands.execute(command);
  }
}
