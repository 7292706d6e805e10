import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { CredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialsBatchCommand } from './issue-credentials-batch.command';
import { SignatureChecks } from '../signature-checks/signature-checks.service';
import { IssueCredentialsBatchDto, parseIssueCredentialsBatch } from './issue-credentials-batch.dto';

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('v1')
export class IssueCredentialsBatchController {
  constructor(
    private readonly commands: CommandBus,
    private readonly signatures: SignatureChecks,
  ) {}

  @Post('credentials\\:batch')
  @HttpCode(201)
  @Roles('issuer')
  @ApiOperation({ summary: 'Issue up to 1,000 credentials, to many learners, all or nothing' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body returns the same credentials' })
  @ApiBody({ type: IssueCredentialsBatchDto })
  async issueBatch(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal & { kind: 'issuer' },
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<{ credentials: CredentialDto[] }> {
    const items = await parseIssueCredentialsBatch(body, (jobs) => this.signatures.check(jobs));
    return this.commands.execute(new IssueCredentialsBatchCommand(items, principal, body, idempotencyKey));
  }
}
