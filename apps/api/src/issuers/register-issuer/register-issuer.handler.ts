import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { issuerDecider, issuerStream } from '@stackledger/domain';
import { hashApiKey, newApiKey } from '../../auth/api-keys';
import { CommandService } from '../../shared/command-runner/command.service';
import { RegisterIssuerCommand } from './register-issuer.command';
import { RegisteredIssuerDto } from './register-issuer.dto';

@CommandHandler(RegisterIssuerCommand)
export class RegisterIssuerHandler implements ICommandHandler<RegisterIssuerCommand, RegisteredIssuerDto> {
  constructor(private readonly writes: CommandService) {}

  async execute({ input, principal }: RegisterIssuerCommand): Promise<RegisteredIssuerDto> {
    const at = this.writes.now();
    const issuerId = this.writes.ids.uuid();
    const apiKey = newApiKey('sl_iss');
    const command = { type: 'RegisterIssuer' as const, data: { ...input, issuerId, at } };
    // The key's hash goes into the event's metadata: its data is anchored and public for good.
    await this.writes.execute(issuerStream(issuerId), issuerDecider, command, {
      principal,
      at,
      route: 'register-issuer',
      body: input,
      apiKeyHash: hashApiKey(apiKey),
    });
    return { id: issuerId, apiKey };
  }
}
