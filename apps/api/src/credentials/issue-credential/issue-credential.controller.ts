import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { CredentialDto } from '../get-credential/credential.dto';
import { IssueCredentialCommand } from './issue-credential.command';
import { IssueCredentialDto, parseIssueCredential } from './issue-credential.dto';
import { SignatureChecks } from '../signature-checks/signature-checks.service';
import { isSignedBody } from './signed-credential';

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('v1/credentials')
export class IssueCredentialController {
  constructor(
    private readonly commands: CommandBus,
    private readonly signatures: SignatureChecks,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('issuer')
  @ApiOperation({
    summary:
      'Issue a micro-credential: the signed document {credential, openBadgeProof?} (an issuer with a signing key must sign), or the unsigned fields',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body returns the same credential' })
  @ApiBody({ type: IssueCredentialDto })
  @ApiCreatedResponse({ type: CredentialDto })
  async issue(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal & { kind: 'issuer' },
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CredentialDto> {
    if (isSignedBody(body)) {
      const signed = await this.signatures.parseSigned(body);
      return this.commands.execute(new IssueCredentialCommand(signed.input, principal, body, idempotencyKey, signed));
    }
    return this.commands.execute(new IssueCredentialCommand(parseIssueCredential(body), principal, body, idempotencyKey));
  }
}
