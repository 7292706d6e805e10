import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { issuerDecider, issuerStream, RotateIssuerApiKey } from '@stackledger/domain';
import { hashApiKey, newApiKey } from '../../auth/api-keys';
import { CommandService } from '../../shared/command-runner/command.service';
import { RotateApiKeyCommand } from './rotate-api-key.command';
import { RotatedApiKeyDto } from './rotate-api-key.dto';

/**
 * Records `IssuerApiKeyRotated` with the new key's hash in its metadata. The write answers once
 * this instance's read models hold it, so from then on the old key is refused here (401); other
 * instances refuse it as soon as their projector has read the event.
 */
@CommandHandler(RotateApiKeyCommand)
export class RotateApiKeyHandler implements ICommandHandler<RotateApiKeyCommand, RotatedApiKeyDto> {
  constructor(private readonly writes: CommandService) {}

  async execute({ issuerId, principal }: RotateApiKeyCommand): Promise<RotatedApiKeyDto> {
    const at = this.writes.now();
    const apiKey = newApiKey('sl_iss');
    const command: RotateIssuerApiKey = {
      type: 'RotateIssuerApiKey',
      data: { issuerId, by: principal.kind === 'admin' ? 'admin' : 'issuer', at },
    };
    await this.writes.execute(issuerStream(issuerId), issuerDecider, command, {
      principal,
      at,
      route: 'rotate-api-key',
      body: { issuerId },
      apiKeyHash: hashApiKey(apiKey),
    });
    return { apiKey };
  }
}
