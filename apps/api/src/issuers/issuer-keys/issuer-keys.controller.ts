import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError } from '../../errors/application-error';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { uuidParam } from '../../shared/request-fields';
import { IssuerKeyDto, parseRegisterIssuerKey, parseRevokeIssuerKey, RegisterIssuerKeyDto, RevokeIssuerKeyDto } from './issuer-keys.dto';
import { IssuerKeysService } from './issuer-keys.service';

@ApiTags('issuers')
@ApiBearerAuth()
@Controller('v1/issuers/:id/keys')
export class IssuerKeysController {
  constructor(private readonly keys: IssuerKeysService) {}

  @Post()
  @HttpCode(201)
  @Roles('issuer')
  @ApiOperation({ summary: 'Register a signing key (that issuer), with a proof of possession made by the key itself' })
  @ApiBody({ type: RegisterIssuerKeyDto })
  @ApiCreatedResponse({ type: IssuerKeyDto })
  register(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<IssuerKeyDto> {
    const issuerId = ownIssuer(id, principal);
    return this.keys.register(issuerId, parseRegisterIssuerKey(body), principal);
  }

  @Post(':keyId/retire')
  @HttpCode(200)
  @Roles('issuer')
  @ApiOperation({ summary: 'Retire a signing key (that issuer): it signs nothing new, what it signed stays valid' })
  @ApiOkResponse({ type: IssuerKeyDto })
  retire(@Param('id') id: string, @Param('keyId') keyId: string, @CurrentPrincipal() principal: Principal): Promise<IssuerKeyDto> {
    return this.keys.retire(ownIssuer(id, principal), keyId, principal);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @Roles('issuer', 'admin')
  @ApiOperation({
    summary: 'Revoke a signing key (that issuer, or the authority): its keyHash goes on chain with the next anchoring run',
  })
  @ApiBody({ type: RevokeIssuerKeyDto })
  @ApiOkResponse({ type: IssuerKeyDto })
  revoke(
    @Param('id') id: string,
    @Param('keyId') keyId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IssuerKeyDto> {
    const issuerId = principal.kind === 'admin' ? uuidParam(id, 'id') : ownIssuer(id, principal);
    return this.keys.revoke(issuerId, keyId, parseRevokeIssuerKey(body).reason, principal);
  }
}

function ownIssuer(id: string, principal: Principal): string {
  const issuerId = uuidParam(id, 'id');
  if (principal.kind !== 'issuer' || principal.issuerId !== issuerId) {
    throw new ApplicationError('AUTH.FORBIDDEN', 'an issuer may manage only its own signing keys', 'id');
  }
  return issuerId;
}
