import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../auth/principal';
import { CurrentPrincipal, Roles } from '../../auth/roles.decorator';
import { RegisterIssuerCommand } from './register-issuer.command';
import { parseRegisterIssuer, RegisterIssuerDto, RegisteredIssuerDto } from './register-issuer.dto';

@ApiTags('issuers')
@ApiBearerAuth()
@Controller('v1/issuers')
export class RegisterIssuerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Register an issuer (authority only); its API key is returned once' })
  @ApiBody({ type: RegisterIssuerDto })
  @ApiCreatedResponse({ type: RegisteredIssuerDto })
  register(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<RegisteredIssuerDto> {
    return this.commands.execute(new RegisterIssuerCommand(parseRegisterIssuer(body), principal));
  }
}
