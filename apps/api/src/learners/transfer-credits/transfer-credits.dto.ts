import { ApiProperty } from '@nestjs/swagger';
import { objectBody, requiredString, stringArray, uuidParam } from '../../shared/request-fields';

export class TransferCreditsDto {
  @ApiProperty({ type: [String], format: 'uuid' }) credentialIds!: string[];
  @ApiProperty({ example: 'B.Sc. Data Science' }) programme!: string;
}

export class TransferDto {
  @ApiProperty({ format: 'uuid' }) transferId!: string;
  @ApiProperty() learnerId!: string;
  @ApiProperty({ format: 'uuid' }) toIssuerId!: string;
  @ApiProperty() programme!: string;
  @ApiProperty({ type: [String] }) credentialIds!: string[];
  @ApiProperty({ example: '9' }) credits!: string;
  @ApiProperty() transferredAt!: string;
}

export function parseTransferCredits(body: unknown): TransferCreditsDto {
  const b = objectBody(body, ['credentialIds', 'programme']);
  const credentialIds = stringArray(b, 'credentialIds', true).map((id, i) => uuidParam(id, `credentialIds[${i}]`));
  return { credentialIds, programme: requiredString(b, 'programme') };
}
